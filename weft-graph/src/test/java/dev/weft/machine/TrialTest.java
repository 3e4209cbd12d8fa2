package dev.weft.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.examples.ArticleGraphs;
import org.junit.jupiter.api.Test;

class TrialTest {

    private static Plan plan() { return Plan.perVertex(new Program(ArticleGraphs.wide(2, 0))); }

    @Test
    void warmsUpThenAlternatesBlocksOfEachPlan() {
        Trial t = new Trial(plan(), 2);
        StringBuilder order = new StringBuilder();
        boolean over = false;
        while (!over) {
            order.append(t.contenderNext() ? 'C' : 'S');
            over = t.record(1);
        }
        assertEquals("CC" + "CCCSSS".repeat(Trial.ROUNDS), order.toString());
        assertEquals(2 + Trial.TIMED_RUNS, order.length());
    }

    @Test
    void theFasterMedianWinsAndWarmUpRunsAreNotCounted() {
        Plan p = plan();
        Trial t = new Trial(p, 1);
        assertSame(p, t.contender());
        // The warm-up run is very slow; the contender is then 100 except one preempted run, the tape 150.
        t.record(1_000_000);
        long[] contender = {100, 100, 5_000, 100, 100, 100, 100, 100, 100};
        int c = 0, s = 0;
        boolean over = false;
        while (!over) {
            if (t.contenderNext()) {
                over = t.record(contender[c++]);
            } else {
                s++;
                over = t.record(150);
            }
        }
        assertEquals(Trial.ROUNDS * Trial.PER_ROUND, c);
        assertEquals(Trial.ROUNDS * Trial.PER_ROUND, s);
        assertArrayEquals(new long[] {100, 150}, t.medians());
        assertTrue(t.contenderWon());

        Trial slower = new Trial(p, 0);
        over = false;
        while (!over) over = slower.record(slower.contenderNext() ? 200 : 150);
        assertFalse(slower.contenderWon());
    }

    @Test
    void refusesANegativeWarmUp() {
        assertThrows(IllegalArgumentException.class, () -> new Trial(plan(), -1));
    }
}
