package dev.weft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.graph.examples.ArticleGraphs;
import dev.weft.graph.ops.Ballast;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The ADAPTIVE machine's one-thread plan (the chain fallback) and how it stops. */
class AdaptiveMachineTest {

    private static Map<String, Tensor> x(double v) { return Map.of("x", Tensor.of(new double[] {v}, 1)); }

    /** x → ballast → neg → ballast: two heavy vertices, one depending on the other. */
    private static Graph heavyChain(long micros) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        Node a = g.apply("a", new Ballast(micros), List.of(x));
        g.markOutput("y", g.apply("b", new Ballast(micros), List.of(g.neg(a))));
        return g;
    }

    @Test
    void heavyVerticesOnOneChainCannotOverlapButParallelBranchesCan() {
        Program chain = new Program(heavyChain(0));
        long[] heavy = new long[chain.size()];
        java.util.Arrays.fill(heavy, 1_000_000);
        assertFalse(Plan.heavyCanOverlap(chain, heavy, 1_000));
        assertEquals(1, Plan.adaptive(chain, heavy, 1_000).threads(), "a chain runs as one thread");

        Program wide = new Program(ArticleGraphs.wide(2, 0));
        long[] all = new long[wide.size()];
        java.util.Arrays.fill(all, 1_000_000);
        assertTrue(Plan.heavyCanOverlap(wide, all, 1_000));
        assertTrue(Plan.adaptive(wide, all, 1_000).threads() > 1);
    }

    @Test
    void aChainOfHeavyOpsRunsOnTheCallerWithoutThreads() {
        try (ConcurrentMachine m = new ConcurrentMachine(heavyChain(50), ConcurrentMachine.Partitioning.ADAPTIVE, 20_000)) {
            for (int k = 0; k < ConcurrentMachine.CALIBRATION_RUNS; k++) assertEquals(-3, m.run(x(3)).get("y").getDouble(0));
            assertEquals(1, m.threadCount(), "no two heavy vertices can overlap: one thread, no trial");
            for (int k = 1; k <= 5; k++) assertEquals(-k, m.run(x(k)).get("y").getDouble(0));
            assertEquals(0, m.liveThreads());
        }
    }

    @Test
    void theOneThreadPlanStillReportsFailuresTimeoutsAndCancels() throws Exception {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        Node slow = g.apply("slow", new Ballast(20_000), List.of(x));
        g.markOutput("y", g.apply("boom", new TestOps.Fail("no luck"), List.of(g.neg(slow))));
        try (ConcurrentMachine m = new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE, 20_000)) {
            assertEquals(1, m.threadCount());
            MachineException failed = assertThrows(MachineException.class, () -> m.run(x(1)));
            assertEquals("node 'boom' (Fail) failed: no luck", failed.getMessage());

            MachineException late = assertThrows(MachineException.class, () -> m.run(x(1), Duration.ofMillis(5)));
            assertInstanceOf(TimeoutException.class, late.getCause());

            // cancel() from another thread, while the caller spins in the 20 ms ballast.
            Thread canceller = Thread.ofVirtual().start(() -> {
                while (m.liveThreads() == 0 && !Thread.currentThread().isInterrupted()) {
                    m.cancel();
                    Thread.onSpinWait();
                }
            });
            MachineException cancelled = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(MachineException.class, () -> m.run(x(1))));
            canceller.interrupt();
            canceller.join();
            assertTrue(cancelled.getCause() instanceof CancellationException || cancelled.getMessage().contains("no luck"),
                    cancelled.getMessage());
        }
    }

    @Test
    void aFailureOnAStartedThreadStopsTheCallersWait() {
        // Two heavy branches, so the plan is partitioned: the caller waits for 'boom' on another thread.
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        CountDownLatch never = new CountDownLatch(1);
        Node stuck = g.apply("stuck", new TestOps.Block(never), List.of(x));
        Node boom = g.apply("boom", new TestOps.Fail("no luck"), List.of(x));
        g.markOutput("y", g.add(stuck, boom));
        try (ConcurrentMachine m = new ConcurrentMachine(g)) {
            MachineException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(MachineException.class, () -> m.run(x(1))));
            assertEquals("boom", e.node());
            assertEquals(0, m.liveThreads());
            // The machine is reusable after a failed run.
            never.countDown();
            assertThrows(MachineException.class, () -> m.run(x(1)));
        }
    }

    @Test
    void afterTheLastReplanTheTrialIsHeldAgainPeriodicallyAndRunsStayCorrect() {
        // Threshold 0: every op is heavy, so the two branches can overlap and each re-plan is partitioned.
        Graph g = ArticleGraphs.wide(2, 0);
        Map<String, Tensor> in = ArticleGraphs.ones();
        try (ConcurrentMachine m = new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE, 0);
             SequentialMachine seq = new SequentialMachine(g)) {
            double expected = seq.run(in).get(ArticleGraphs.OUTPUT).getDouble(0);
            // Past the last re-plan (4,096 runs) and its trial.
            int runs = 0;
            while (runs < 4096 || m.onTrial()) {
                assertEquals(expected, m.run(in).get(ArticleGraphs.OUTPUT).getDouble(0));
                runs++;
            }
            for (int k = 1; k < ConcurrentMachine.RETRIAL_EVERY; k++) {
                assertEquals(expected, m.run(in).get(ArticleGraphs.OUTPUT).getDouble(0));
                assertFalse(m.onTrial(), "no trial before " + ConcurrentMachine.RETRIAL_EVERY + " runs");
            }
            m.run(in);
            assertTrue(m.onTrial(), "the trial is held again");
            assertTrue(m.threadCount() > 1, "the partitioned plan runs first in a trial");
            int trialRuns = 0;
            while (m.onTrial()) {
                assertEquals(expected, m.run(in).get(ArticleGraphs.OUTPUT).getDouble(0));
                trialRuns++;
            }
            assertEquals(ConcurrentMachine.RETRIAL_WARMUP + Trial.TIMED_RUNS, trialRuns);
            assertEquals(0, m.liveThreads());
        }
    }
}
