package dev.weft.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The per-round ratio that {@code weft bench} prints beside its ratio of medians. */
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
}
