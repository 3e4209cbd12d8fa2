package dev.weft.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntraOpTest {
    private int before;

    @BeforeEach
    void save() { before = IntraOp.threads(); }

    @AfterEach
    void restore() { IntraOp.setThreads(before); }

    @Test
    void everyTaskRunsExactlyOnce() {
        IntraOp.setThreads(3);
        AtomicIntegerArray hits = new AtomicIntegerArray(1000);
        IntraOp.parallelFor(1000, Long.MAX_VALUE, hits::incrementAndGet);
        for (int i = 0; i < 1000; i++) assertEquals(1, hits.get(i), "task " + i);
    }

    @Test
    void spinningAndParkedHelpersBothTakeRegions() {
        IntraOp.setThreads(2);
        long spinBefore = IntraOp.spinNanos;
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        Thread me = Thread.currentThread();
        try {
            for (long spin : new long[] {0, 200_000}) {
                IntraOp.spinNanos = spin;
                for (int round = 0; round < 300; round++) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(16);
                    IntraOp.parallelFor(16, Long.MAX_VALUE, i -> {
                        hits.incrementAndGet(i);
                        if (Thread.currentThread() != me) helpers.add(Thread.currentThread());
                        long until = System.nanoTime() + 5_000;
                        while (System.nanoTime() < until) Thread.onSpinWait();
                    });
                    for (int i = 0; i < 16; i++) assertEquals(1, hits.get(i), "spin " + spin + ", round " + round + ", task " + i);
                }
            }
        } finally {
            IntraOp.spinNanos = spinBefore;
        }
        // Not asserted per round: on a loaded machine a helper may miss any one region.
        assertTrue(!helpers.isEmpty(), "no helper ever took a task in 600 regions");
    }

    @Test
    void theFirstFailureReachesTheCaller() {
        IntraOp.setThreads(2);
        var e = assertThrows(IllegalStateException.class, () -> IntraOp.parallelFor(50, Long.MAX_VALUE, i -> {
            if (i == 17) throw new IllegalStateException("task 17 failed");
        }));
        assertEquals("task 17 failed", e.getMessage());
    }

    @Test
    void smallWorkAndSingleThreadRunInline() {
        Thread me = Thread.currentThread();
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        IntraOp.setThreads(2);
        IntraOp.parallelFor(8, 100, i -> seen.add(Thread.currentThread()));
        IntraOp.setThreads(1);
        IntraOp.parallelFor(8, Long.MAX_VALUE, i -> seen.add(Thread.currentThread()));
        assertEquals(Set.of(me), seen);
    }

    @Test
    void nestedRegionsRunInline() {
        IntraOp.setThreads(2);
        AtomicInteger mismatches = new AtomicInteger();
        IntraOp.parallelFor(4, Long.MAX_VALUE, i -> {
            Thread outer = Thread.currentThread();
            IntraOp.parallelFor(4, Long.MAX_VALUE, j -> {
                if (Thread.currentThread() != outer) mismatches.incrementAndGet();
            });
        });
        assertEquals(0, mismatches.get());
    }

    @Test
    void aKernelRunsAloneWhenTheBudgetIsTaken() throws Exception {
        IntraOp.setThreads(2);
        CountDownLatch holding = new CountDownLatch(2), release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> IntraOp.parallelFor(2, Long.MAX_VALUE, i -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the first kernel should occupy both threads");
        Thread me = Thread.currentThread();
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        IntraOp.parallelFor(16, Long.MAX_VALUE, i -> seen.add(Thread.currentThread()));
        release.countDown();
        first.join();
        assertEquals(Set.of(me), seen, "with the budget in use the second kernel must not recruit helpers");
    }

    @Test
    void manyConcurrentCallersNeverExceedTheHelperPool() throws Exception {
        IntraOp.setThreads(2);
        AtomicInteger helpersNow = new AtomicInteger(), maxHelpers = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int v = 0; v < 16; v++) {
                exec.submit(() -> IntraOp.parallelFor(20, Long.MAX_VALUE, i -> {
                    boolean helper = Thread.currentThread().getName().startsWith("weft-intraop");
                    if (helper) maxHelpers.accumulateAndGet(helpersNow.incrementAndGet(), Math::max);
                    double s = 0;
                    for (int k = 0; k < 20_000; k++) s += Math.sqrt(k);
                    if (s < 0) throw new AssertionError();
                    if (helper) helpersNow.decrementAndGet();
                    total.incrementAndGet();
                }));
            }
        }
        assertEquals(16 * 20, total.get());
        assertTrue(maxHelpers.get() <= 1, "at most threads-1 = 1 helper may run at once, saw " + maxHelpers.get());
    }

    @Test
    void refusesSillyThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> IntraOp.setThreads(0));
    }

    @Test
    void aHelperGivesItsCoreBackWhenASecondKernelArrives() throws Exception {
        IntraOp.setThreads(2);
        java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong secondStarted = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        java.util.concurrent.atomic.AtomicInteger crowdedLate = new java.util.concurrent.atomic.AtomicInteger();
        long task = 2_000_000; // 2 ms of spinning per task
        IntraOp.Task spin = i -> {
            int now = active.incrementAndGet();
            // Well after the second kernel started, no more than two tasks may run at once.
            if (System.nanoTime() > secondStarted.get() + 200_000_000L && now > 2) crowdedLate.incrementAndGet();
            long end = System.nanoTime() + task;
            while (System.nanoTime() < end) Thread.onSpinWait();
            active.decrementAndGet();
        };
        Thread first = Thread.ofPlatform().start(() -> IntraOp.parallelFor(400, 1L << 30, spin));
        Thread.sleep(50); // the first kernel has recruited its helper
        Thread second = Thread.ofPlatform().start(() -> {
            secondStarted.set(System.nanoTime());
            IntraOp.parallelFor(200, 1L << 30, spin);
        });
        first.join();
        second.join();
        assertEquals(0, crowdedLate.get(), "tasks started while three threads were computing");
    }
}
