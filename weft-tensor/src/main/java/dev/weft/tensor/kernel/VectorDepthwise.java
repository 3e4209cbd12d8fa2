package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link DepthwiseConv}: per output row, runs of L outputs are accumulated in
 * a register over every tap (fused multiply-adds in (kh, kw) order, from the bias), clamped if asked,
 * and stored once (no masked stores: they are slow on JDK 25). 3×3 kernels (MobileNet) have their own
 * loop with the nine weights held in registers. Loaded only when {@link VectorSupport#enabled()}.
 * Stateless, thread-safe.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorDepthwise() {}

    static int lanes() { return L; }

    /** One plane: splits its input rows into {@code s}, then convolves. */
    static void plane(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] x, int xBase, float[] w, int wBase,
                      float b, float[] y, int yBase, Clamp clamp) {
        VectorPhaseRows.split(rows, x, xBase, 0f, s);
        if (g.kH() == 3 && g.kW() == 3) three(g, rows, tap, s, w, wBase, b, y, yBase, clamp);
        else general(g, rows, tap, s, w, wBase, b, y, yBase, clamp);
    }

    private static void three(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] w, int wBase,
                              float b, float[] y, int yBase, Clamp clamp) {
        int outH = g.outH(), outW = g.outW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        int t0 = tap[0], t1 = tap[1], t2 = tap[2];
        FloatVector w00 = FloatVector.broadcast(S, w[wBase]), w01 = FloatVector.broadcast(S, w[wBase + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wBase + 2]), w10 = FloatVector.broadcast(S, w[wBase + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wBase + 4]), w12 = FloatVector.broadcast(S, w[wBase + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wBase + 6]), w21 = FloatVector.broadcast(S, w[wBase + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(S, b);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        boolean clip = !clamp.isNone();
        // Rows of at least L outputs end with a whole vector overlapping the one before (outputs do
        // not depend on where a vector starts); narrower rows go through the scratch buffer.
        boolean narrow = outW < L;
        int last = outW - L, tmp = rows.tmpOff;
        for (int oh = 0; oh < outH; oh++) {
            int ih = oh * sH - pH;
            int r0 = rows.rowBase(ih), r1 = rows.rowBase(ih + dH), r2 = rows.rowBase(ih + 2 * dH);
            int yr = yBase + oh * outW;
            for (int ow0 = 0; ow0 < outW; ow0 += L) {
                int ow = narrow ? 0 : Math.min(ow0, last);
                FloatVector acc = FloatVector.fromArray(S, s, r0 + t0 + ow).fma(w00, bias);
                acc = FloatVector.fromArray(S, s, r0 + t1 + ow).fma(w01, acc);
                acc = FloatVector.fromArray(S, s, r0 + t2 + ow).fma(w02, acc);
                acc = FloatVector.fromArray(S, s, r1 + t0 + ow).fma(w10, acc);
                acc = FloatVector.fromArray(S, s, r1 + t1 + ow).fma(w11, acc);
                acc = FloatVector.fromArray(S, s, r1 + t2 + ow).fma(w12, acc);
                acc = FloatVector.fromArray(S, s, r2 + t0 + ow).fma(w20, acc);
                acc = FloatVector.fromArray(S, s, r2 + t1 + ow).fma(w21, acc);
                acc = FloatVector.fromArray(S, s, r2 + t2 + ow).fma(w22, acc);
                if (clip) acc = acc.max(lo).min(hi);
                store(acc, y, yr + ow, narrow, s, tmp, outW);
            }
        }
    }

    private static void general(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] w, int wBase,
                                float b, float[] y, int yBase, Clamp clamp) {
        int outH = g.outH(), outW = g.outW(), kH = g.kH(), kW = g.kW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        FloatVector bias = FloatVector.broadcast(S, b);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        boolean clip = !clamp.isNone();
        // Rows of at least L outputs end with a whole vector overlapping the one before (outputs do
        // not depend on where a vector starts); narrower rows go through the scratch buffer.
        boolean narrow = outW < L;
        int last = outW - L, tmp = rows.tmpOff;
        for (int oh = 0; oh < outH; oh++) {
            int ih0 = oh * sH - pH, yr = yBase + oh * outW;
            for (int ow0 = 0; ow0 < outW; ow0 += L) {
                int ow = narrow ? 0 : Math.min(ow0, last);
                FloatVector acc = bias;
                for (int kh = 0; kh < kH; kh++) {
                    int base = rows.rowBase(ih0 + kh * dH) + ow, wr = wBase + kh * kW;
                    for (int kw = 0; kw < kW; kw++) {
                        acc = FloatVector.fromArray(S, s, base + tap[kw]).fma(FloatVector.broadcast(S, w[wr + kw]), acc);
                    }
                }
                if (clip) acc = acc.max(lo).min(hi);
                store(acc, y, yr + ow, narrow, s, tmp, outW);
            }
        }
    }

    /** Stores a run of outputs: the whole vector, or its first {@code outW} lanes through {@code s[tmp..]} when narrow. */
    private static void store(FloatVector acc, float[] y, int at, boolean narrow, float[] s, int tmp, int outW) {
        if (narrow) {
            acc.intoArray(s, tmp);
            System.arraycopy(s, tmp, y, at, outW);
        } else {
            acc.intoArray(y, at);
        }
    }
}
