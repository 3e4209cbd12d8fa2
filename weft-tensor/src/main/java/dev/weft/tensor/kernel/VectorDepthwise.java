package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link DepthwiseConv}. Per output row, runs of L outputs are accumulated in
 * registers: one chain of fused multiply-adds per kernel row (the first from the bias, the others from
 * 0, so that the chains overlap), summed in kernel-row order, clamped if asked, and stored once. Rows
 * at least L wide end with a vector that overlaps the one before (an output does not depend on where
 * its vector starts); a narrower row is stored as a whole vector whose extra lanes spill into the rows
 * after it, which are written later; only the last row of a task goes through a scratch buffer. 3×3
 * kernels (MobileNet) have their own loop with the nine weights in registers. No masked loads or
 * stores (slow on JDK 25). Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Half-width vectors for rows of at most 8 outputs (7×7 planes) when the preferred ones hold 16. */
    private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_256;

    private VectorDepthwise() {}

    static int lanes() { return L; }

    /**
     * One plane, split into the layout at {@code s[base..]}, convolved into {@code y[yBase..]}; {@code y}
     * may be written (with garbage, later overwritten) up to {@code yLimit}.
     */
    static void plane(ConvGeometry g, PhasePlanes p, int[] tap, float[] s, int base, float[] w, int wBase,
                      float b, float[] y, int yBase, int yLimit, Clamp clamp) {
        if (g.kH() == 3 && g.kW() == 3 && L == 16 && p.outW <= 8) threeHalf(p, tap, s, base, w, wBase, b, y, yBase, yLimit, clamp);
        else if (g.kH() == 3 && g.kW() == 3) three(p, tap, s, base, w, wBase, b, y, yBase, yLimit, clamp);
        else general(p, g.kH(), g.kW(), tap, s, base, w, wBase, b, y, yBase, yLimit, clamp);
    }

    /** Stores a run of outputs at {@code y[at..]}: whole when it fits below the limit, else its first {@code n} lanes. */
    static void store(FloatVector v, float[] y, int at, int limit, float[] s, int tmp, int n) {
        if (at + L <= limit) {
            v.intoArray(y, at);
        } else {
            v.intoArray(s, tmp);
            PhasePlanes.copy(s, tmp, y, at, n);
        }
    }

    private static void three(PhasePlanes p, int[] tap, float[] s, int base, float[] w, int wBase, float b, float[] y, int yBase,
                              int yLimit, Clamp clamp) {
        int t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7], t8 = tap[8];
        FloatVector w0 = FloatVector.broadcast(S, w[wBase]), w1 = FloatVector.broadcast(S, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wBase + 2]), w3 = FloatVector.broadcast(S, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wBase + 4]), w5 = FloatVector.broadcast(S, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wBase + 6]), w7 = FloatVector.broadcast(S, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(S, b), zero = FloatVector.zero(S);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        int outW = p.outW, last = Math.max(0, outW - L);
        for (int oh = 0; oh < p.outH; oh++) {
            int fRow = base + oh * p.rowStride, yr = yBase + oh * outW;
            for (int c0 = 0; c0 < outW; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector a0 = FloatVector.fromArray(S, s, f + t0).fma(w0, bias);
                FloatVector a1 = FloatVector.fromArray(S, s, f + t3).fma(w3, zero);
                FloatVector a2 = FloatVector.fromArray(S, s, f + t6).fma(w6, zero);
                a0 = FloatVector.fromArray(S, s, f + t1).fma(w1, a0);
                a1 = FloatVector.fromArray(S, s, f + t4).fma(w4, a1);
                a2 = FloatVector.fromArray(S, s, f + t7).fma(w7, a2);
                a0 = FloatVector.fromArray(S, s, f + t2).fma(w2, a0);
                a1 = FloatVector.fromArray(S, s, f + t5).fma(w5, a1);
                a2 = FloatVector.fromArray(S, s, f + t8).fma(w8, a2);
                FloatVector acc = a0.add(a1).add(a2);
                // Clamped always (infinite bounds change nothing): a vector chosen by a branch is a merge.
                acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo)).blend(hi, acc.compare(VectorOperators.GE, hi));
                store(acc, y, yr + c, yLimit, s, base + p.tmpOff, outW);
            }
        }
    }

    /** {@link #three} for rows of at most 8 outputs, on 8-lane vectors: a 7-wide row fills 7 of 8 lanes instead of 7 of 16. */
    private static void threeHalf(PhasePlanes p, int[] tap, float[] s, int base, float[] w, int wBase, float b, float[] y,
                                  int yBase, int yLimit, Clamp clamp) {
        int t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7], t8 = tap[8];
        FloatVector w0 = FloatVector.broadcast(HALF, w[wBase]), w1 = FloatVector.broadcast(HALF, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(HALF, w[wBase + 2]), w3 = FloatVector.broadcast(HALF, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(HALF, w[wBase + 4]), w5 = FloatVector.broadcast(HALF, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(HALF, w[wBase + 6]), w7 = FloatVector.broadcast(HALF, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(HALF, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(HALF, b), zero = FloatVector.zero(HALF);
        FloatVector lo = FloatVector.broadcast(HALF, clamp.lo()), hi = FloatVector.broadcast(HALF, clamp.hi());
        int outW = p.outW, tmp = base + p.tmpOff;
        for (int oh = 0; oh < p.outH; oh++) {
            int f = base + oh * p.rowStride, yr = yBase + oh * outW;
            FloatVector a0 = FloatVector.fromArray(HALF, s, f + t0).fma(w0, bias);
            FloatVector a1 = FloatVector.fromArray(HALF, s, f + t3).fma(w3, zero);
            FloatVector a2 = FloatVector.fromArray(HALF, s, f + t6).fma(w6, zero);
            a0 = FloatVector.fromArray(HALF, s, f + t1).fma(w1, a0);
            a1 = FloatVector.fromArray(HALF, s, f + t4).fma(w4, a1);
            a2 = FloatVector.fromArray(HALF, s, f + t7).fma(w7, a2);
            a0 = FloatVector.fromArray(HALF, s, f + t2).fma(w2, a0);
            a1 = FloatVector.fromArray(HALF, s, f + t5).fma(w5, a1);
            a2 = FloatVector.fromArray(HALF, s, f + t8).fma(w8, a2);
            FloatVector acc = a0.add(a1).add(a2);
            // Clamped always (infinite bounds change nothing): a vector chosen by a branch is a merge.
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo)).blend(hi, acc.compare(VectorOperators.GE, hi));
            if (yr + 8 <= yLimit) {
                acc.intoArray(y, yr);
            } else {
                acc.intoArray(s, tmp);
                PhasePlanes.copy(s, tmp, y, yr, outW);
            }
        }
    }

    /**
     * Any kernel: the chains live in a scratch array between taps, not in registers (a loop that
     * carries vectors makes C2 fall back to the Vector API's allocating Java code); the clamp is
     * applied always, with infinite bounds when there is none, for the same reason (a vector chosen
     * by a branch is a merge). The sums and their order are unchanged.
     */
    private static void general(PhasePlanes p, int kH, int kW, int[] tap, float[] s, int base, float[] w, int wBase, float b,
                                float[] y, int yBase, int yLimit, Clamp clamp) {
        FloatVector bias = FloatVector.broadcast(S, b), zero = FloatVector.zero(S);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        int outW = p.outW, last = Math.max(0, outW - L);
        float[] buf = FloatScratch.take(2 * L); // [0, L): this kernel row's chain; [L, 2L): the rows so far
        try {
            for (int oh = 0; oh < p.outH; oh++) {
                int fRow = base + oh * p.rowStride, yr = yBase + oh * outW;
                for (int c0 = 0; c0 < outW; c0 += L) {
                    int c = Math.min(c0, last), f = fRow + c;
                    for (int kh = 0, t = 0; kh < kH; kh++) {
                        if (kh == 0) bias.intoArray(buf, 0);
                        else zero.intoArray(buf, 0);
                        for (int kw = 0; kw < kW; kw++, t++) {
                            FloatVector.fromArray(S, s, f + tap[t]).fma(FloatVector.broadcast(S, w[wBase + t]), FloatVector.fromArray(S, buf, 0))
                                    .intoArray(buf, 0);
                        }
                        if (kh == 0) FloatVector.fromArray(S, buf, 0).intoArray(buf, L);
                        else FloatVector.fromArray(S, buf, L).add(FloatVector.fromArray(S, buf, 0)).intoArray(buf, L);
                    }
                    FloatVector sum = FloatVector.fromArray(S, buf, L);
                    store(sum.blend(lo, sum.compare(VectorOperators.LE, lo)).blend(hi, sum.compare(VectorOperators.GE, hi)), y, yr + c, yLimit, s, base + p.tmpOff, outW);
                }
            }
        } finally {
            FloatScratch.give(buf);
        }
    }
}
