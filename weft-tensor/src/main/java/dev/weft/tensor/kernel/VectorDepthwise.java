package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link DepthwiseConv}: runs of L outputs are accumulated in a register over
 * every tap (fused multiply-adds in (kh, kw) order, from the bias), clamped if asked, and stored once.
 * Planes at least L wide are walked row by row, each row ending with a whole vector that overlaps the
 * one before (an output does not depend on where its vector starts). Narrower planes are walked as
 * one flat run over {@link PhasePlanes}' positions, garbage columns included, into a scratch buffer,
 * then compacted, so a 7×7 plane costs 4 vectors instead of 7 mostly empty ones. 3×3 kernels
 * (MobileNet) have their own loop with the nine weights in registers. No masked loads or stores
 * (slow on JDK 25). Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorDepthwise() {}

    static int lanes() { return L; }

    /** One plane: splits its input into {@code s}, then convolves into {@code y[yBase..]}. */
    static void plane(ConvGeometry g, PhasePlanes p, int[] tap, float[] s, float[] x, int xBase, float[] w, int wBase,
                      float b, float[] y, int yBase, Clamp clamp) {
        VectorPhasePlanes.split(p, x, xBase, 0f, s);
        if (tap.length == 9) three(p, tap, s, w, wBase, b, y, yBase, clamp);
        else general(p, tap, s, w, wBase, b, y, yBase, clamp);
        if (p.outW < L) compact(p, s, y, yBase);
    }

    /** Copies the flat buffer's valid columns to y (narrow planes). */
    static void compact(PhasePlanes p, float[] s, float[] y, int yBase) {
        for (int oh = 0; oh < p.outH; oh++) System.arraycopy(s, p.outOff + oh * p.pitch, y, yBase + oh * p.outW, p.outW);
    }

    private static void three(PhasePlanes p, int[] tap, float[] s, float[] w, int wBase, float b, float[] y, int yBase,
                              Clamp clamp) {
        int t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7], t8 = tap[8];
        FloatVector w0 = FloatVector.broadcast(S, w[wBase]), w1 = FloatVector.broadcast(S, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wBase + 2]), w3 = FloatVector.broadcast(S, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wBase + 4]), w5 = FloatVector.broadcast(S, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wBase + 6]), w7 = FloatVector.broadcast(S, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(S, b);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        boolean clip = !clamp.isNone(), wide = p.outW >= L;
        int rows = wide ? p.outH : 1, width = wide ? p.outW : p.flat(), last = Math.max(0, width - L);
        float[] dst = wide ? y : s;
        for (int oh = 0; oh < rows; oh++) {
            int fRow = oh * p.pitch, atRow = wide ? yBase + oh * p.outW : p.outOff;
            for (int c0 = 0; c0 < width; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector acc = FloatVector.fromArray(S, s, f + t0).fma(w0, bias);
                acc = FloatVector.fromArray(S, s, f + t1).fma(w1, acc);
                acc = FloatVector.fromArray(S, s, f + t2).fma(w2, acc);
                acc = FloatVector.fromArray(S, s, f + t3).fma(w3, acc);
                acc = FloatVector.fromArray(S, s, f + t4).fma(w4, acc);
                acc = FloatVector.fromArray(S, s, f + t5).fma(w5, acc);
                acc = FloatVector.fromArray(S, s, f + t6).fma(w6, acc);
                acc = FloatVector.fromArray(S, s, f + t7).fma(w7, acc);
                acc = FloatVector.fromArray(S, s, f + t8).fma(w8, acc);
                if (clip) acc = acc.max(lo).min(hi);
                acc.intoArray(dst, atRow + c);
            }
        }
    }

    private static void general(PhasePlanes p, int[] tap, float[] s, float[] w, int wBase, float b, float[] y, int yBase,
                                Clamp clamp) {
        FloatVector bias = FloatVector.broadcast(S, b);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        boolean clip = !clamp.isNone(), wide = p.outW >= L;
        int rows = wide ? p.outH : 1, width = wide ? p.outW : p.flat(), last = Math.max(0, width - L);
        float[] dst = wide ? y : s;
        for (int oh = 0; oh < rows; oh++) {
            int fRow = oh * p.pitch, atRow = wide ? yBase + oh * p.outW : p.outOff;
            for (int c0 = 0; c0 < width; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector acc = bias;
                for (int t = 0; t < tap.length; t++) {
                    acc = FloatVector.fromArray(S, s, f + tap[t]).fma(FloatVector.broadcast(S, w[wBase + t]), acc);
                }
                if (clip) acc = acc.max(lo).min(hi);
                acc.intoArray(dst, atRow + c);
            }
        }
    }
}
