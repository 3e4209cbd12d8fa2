package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * MobileNet's small depthwise planes (3×3, stride 1, pad 1, at most one vector wide: 14×14, 7×7),
 * convolved straight from the input without {@link PhasePlanes}: for such planes the copy cost as much
 * as the convolution. Each output row is one vector per tap, loaded from the input row shifted by the
 * tap; the two lanes that fall on the left and right padding are replaced by 0 (a blend with a mask
 * made once per plane), and padding rows are read from a constant array of zeros. (One straight
 * method per vector width and no helper methods: with more inlined Vector API calls C2 gave up some
 * intrinsics and fell back to Java code.) The sums are those of {@code VectorDepthwise}
 * in the same order (padding contributes {@code 0 * w} as there), so results are bit-identical. Rows of
 * at most 8 outputs use 8-lane vectors when the preferred ones hold 16. Loaded only when
 * {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorDepthwiseSmall {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_256;
    /** Read for the padding rows above and below the plane; never written. */
    private static final float[] ZEROS = new float[2 * L + 2];

    private VectorDepthwiseSmall() {}

    /** True for 3×3 stride-1 pad-1 undilated planes no wider than a vector. */
    static boolean applies(ConvGeometry g) {
        return g.kH() == 3 && g.kW() == 3 && g.sH() == 1 && g.sW() == 1 && g.dH() == 1 && g.dW() == 1
                && g.pH() == 1 && g.pW() == 1 && g.outH() == g.inH() && g.outW() == g.inW() && g.outW() <= L;
    }

    /** True when whole-vector reads from one float before the plane to a vector past its end stay inside {@code x}. */
    static boolean inBounds(ConvGeometry g, float[] x, int xBase) {
        return xBase >= 1 && xBase + g.inPlane() + L <= x.length;
    }

    /**
     * One plane into {@code y[yBase..]}; {@code y} may be written (later overwritten) up to {@code yLimit};
     * {@code s[tmp, tmp + L)} is scratch for a last row that may not spill.
     */
    static void plane(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, float[] y, int yBase, int yLimit,
                      Clamp clamp, float[] s, int tmp) {
        if (L == 16 && g.outW() <= 8) half(g, x, xBase, w, wBase, b, y, yBase, yLimit, clamp, s, tmp);
        else full(g, x, xBase, w, wBase, b, y, yBase, yLimit, clamp, s, tmp);
    }

    private static void half(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, float[] y, int yBase,
                             int yLimit, Clamp clamp, float[] s, int tmp) {
        int h = g.outH(), width = g.outW();
        FloatVector zero = FloatVector.zero(HALF), iota = zero.addIndex(1);
        VectorMask<Float> first = iota.compare(VectorOperators.EQ, 0f);
        VectorMask<Float> last = iota.compare(VectorOperators.EQ, (float) (width - 1));
        FloatVector w0 = FloatVector.broadcast(HALF, w[wBase]), w1 = FloatVector.broadcast(HALF, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(HALF, w[wBase + 2]), w3 = FloatVector.broadcast(HALF, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(HALF, w[wBase + 4]), w5 = FloatVector.broadcast(HALF, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(HALF, w[wBase + 6]), w7 = FloatVector.broadcast(HALF, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(HALF, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(HALF, b);
        FloatVector lo = FloatVector.broadcast(HALF, clamp.lo()), hi = FloatVector.broadcast(HALF, clamp.hi());
        for (int oh = 0; oh < h; oh++) {
            int r1 = xBase + oh * width - 1; // this input row, one column to the left
            float[] x0 = oh > 0 ? x : ZEROS, x2 = oh + 1 < h ? x : ZEROS;
            int r0 = oh > 0 ? r1 - width : 0, r2 = oh + 1 < h ? r1 + width : 0;
            FloatVector a0 = FloatVector.fromArray(HALF, x0, r0).blend(zero, first).fma(w0, bias);
            FloatVector a1 = FloatVector.fromArray(HALF, x, r1).blend(zero, first).fma(w3, zero);
            FloatVector a2 = FloatVector.fromArray(HALF, x2, r2).blend(zero, first).fma(w6, zero);
            a0 = FloatVector.fromArray(HALF, x0, r0 + 1).fma(w1, a0);
            a1 = FloatVector.fromArray(HALF, x, r1 + 1).fma(w4, a1);
            a2 = FloatVector.fromArray(HALF, x2, r2 + 1).fma(w7, a2);
            a0 = FloatVector.fromArray(HALF, x0, r0 + 2).blend(zero, last).fma(w2, a0);
            a1 = FloatVector.fromArray(HALF, x, r1 + 2).blend(zero, last).fma(w5, a1);
            a2 = FloatVector.fromArray(HALF, x2, r2 + 2).blend(zero, last).fma(w8, a2);
            FloatVector acc = a0.add(a1).add(a2);
            // Clamped always (infinite bounds change nothing): a vector chosen by a branch is a merge.
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo)).blend(hi, acc.compare(VectorOperators.GE, hi));
            int yr = yBase + oh * width;
            if (yr + 8 <= yLimit) {
                acc.intoArray(y, yr);
            } else {
                acc.intoArray(s, tmp);
                PhasePlanes.copy(s, tmp, y, yr, width);
            }
        }
    }

    private static void full(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, float[] y, int yBase,
                             int yLimit, Clamp clamp, float[] s, int tmp) {
        int h = g.outH(), width = g.outW();
        FloatVector zero = FloatVector.zero(S), iota = zero.addIndex(1);
        VectorMask<Float> first = iota.compare(VectorOperators.EQ, 0f);
        VectorMask<Float> last = iota.compare(VectorOperators.EQ, (float) (width - 1));
        FloatVector w0 = FloatVector.broadcast(S, w[wBase]), w1 = FloatVector.broadcast(S, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wBase + 2]), w3 = FloatVector.broadcast(S, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wBase + 4]), w5 = FloatVector.broadcast(S, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wBase + 6]), w7 = FloatVector.broadcast(S, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(S, b);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        for (int oh = 0; oh < h; oh++) {
            int r1 = xBase + oh * width - 1; // this input row, one column to the left
            float[] x0 = oh > 0 ? x : ZEROS, x2 = oh + 1 < h ? x : ZEROS;
            int r0 = oh > 0 ? r1 - width : 0, r2 = oh + 1 < h ? r1 + width : 0;
            FloatVector a0 = FloatVector.fromArray(S, x0, r0).blend(zero, first).fma(w0, bias);
            FloatVector a1 = FloatVector.fromArray(S, x, r1).blend(zero, first).fma(w3, zero);
            FloatVector a2 = FloatVector.fromArray(S, x2, r2).blend(zero, first).fma(w6, zero);
            a0 = FloatVector.fromArray(S, x0, r0 + 1).fma(w1, a0);
            a1 = FloatVector.fromArray(S, x, r1 + 1).fma(w4, a1);
            a2 = FloatVector.fromArray(S, x2, r2 + 1).fma(w7, a2);
            a0 = FloatVector.fromArray(S, x0, r0 + 2).blend(zero, last).fma(w2, a0);
            a1 = FloatVector.fromArray(S, x, r1 + 2).blend(zero, last).fma(w5, a1);
            a2 = FloatVector.fromArray(S, x2, r2 + 2).blend(zero, last).fma(w8, a2);
            FloatVector acc = a0.add(a1).add(a2);
            // Clamped always (infinite bounds change nothing): a vector chosen by a branch is a merge.
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo)).blend(hi, acc.compare(VectorOperators.GE, hi));
            int yr = yBase + oh * width;
            if (yr + L <= yLimit) {
                acc.intoArray(y, yr);
            } else {
                acc.intoArray(s, tmp);
                PhasePlanes.copy(s, tmp, y, yr, width);
            }
        }
    }

}
