package dev.weft.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-round ratio that {@code weft bench} prints beside its ratio of medians, and the warm-up. */
class ModelBenchTest {

    @Test
    void aSlowSpellThatHitsBothRunsOfARoundCancels() {
        // weft takes twice the peer's time in every round; rounds 3 and 4 ran ten times slower.
        long[] weft = {2, 4, 40, 60, 4, 2};
        long[] peer = {1, 2, 20, 30, 2, 1};
        ModelBench.PairedRatio p = ModelBench.paired(weft, peer);
        assertEquals(2.0, p.median(), 0.0);
        assertEquals(2.0, p.lowerQuartile(), 0.0);
        assertEquals(2.0, p.upperQuartile(), 0.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndQuartilesArePicked() {
        long[] a = {10, 30, 20, 40};
        long[] b = {10, 10, 10, 10}; // ratios 1, 3, 2, 4 -> sorted 1, 2, 3, 4
        ModelBench.PairedRatio p = ModelBench.paired(a, b);
        assertEquals(2.5, p.median(), 1e-12);
        assertEquals(2.0, p.lowerQuartile(), 1e-12);
        assertEquals(4.0, p.upperQuartile(), 1e-12);
        assertEquals(3.0, ModelBench.paired(new long[] {3}, new long[] {1}).median(), 0.0);
    }

    @Test
    void roundsMustPairUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelBench.paired(new long[] {1, 2}, new long[] {1}));
        assertEquals("need the same number of rounds, at least one", e.getMessage());
    }

    /**
     * A runner that allocates like unfinished JIT code for its first 40 runs (a megabyte each,
     * against 100 KB of activations) and then allocates nothing.
     */
    private static final class Settling implements ModelRunner {
        int calls;
        long activations;
        Object kept;

        @Override public String name() { return "settling"; }

        @Override public Object runOnce() {
            calls++;
            activations += 100_000;
            kept = calls <= 40 ? new byte[1_000_000] : kept;
            return calls;
        }

        @Override public long activationBytes() { return activations; }
    }

    @Test
    void warmUpGoesOnUntilRunsStopAllocatingAndTheTimedRunsAreSteady() throws Exception {
        Settling r = new Settling();
        ModelBench.Measurement m = ModelBench.measure(List.of(r), 0, 0, 3);
        // No fixed warm-up was asked for, yet nothing was timed before the 41st run.
        assertTrue(r.calls > 40 + 2 * 3, "runs: " + r.calls);
        ModelBench.Timing t = m.timings().getFirst();
        // Other threads of this JVM count too, so allow the floor rather than expecting zero.
        assertTrue(t.allocatedBytesPerRun() <= ModelBench.SETTLED_FLOOR_BYTES, "bytes per run: " + t.allocatedBytesPerRun());
        assertEquals(100_000, t.activationBytesPerRun());
    }

    @Test
    void steadyStateIsAFewKilobytesOrOnePercentOfTheActivations() {
        assertTrue(ModelBench.settled(64_000, 1));
        assertTrue(ModelBench.settled(100_000, 10_000_000));
        assertTrue(!ModelBench.settled(100_001, 10_000_000));
        assertTrue(!ModelBench.settled(64_001, 0));
    }
}
