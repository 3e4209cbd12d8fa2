package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3×3 depthwise convolution with stride 2 and no dilation, read straight from the input rows instead
 * of a {@link PhasePlanes} copy, which cost as much as the convolution on MobileNet's strided layers.
 * A run of L outputs of an output row takes each tap's L inputs from the even and odd lanes of two
 * loads ({@code selectFrom}). (The same loop for stride 1, with plain loads, ran a hundred times
 * slower in JMH: C2 fell back to Java code for it, so stride 1 keeps the phase planes.)
 * Outputs whose window touches the padding are computed one at a time; the last run of a row
 * overlaps the one before it, or is stored lane-masked when the row is shorter than a vector.
 *
 * <p>The sums are {@code VectorDepthwise}'s in the same order (one fused multiply-add chain per kernel
 * row, the first from the bias, then the rows added in order, then the clamp), and the one-at-a-time
 * outputs read padding as 0 and multiply it, as the scalar twin in {@link DepthwiseConv} does, so
 * all paths agree bit for bit. Every tap is written out: C2 falls back to the Vector API's Java code
 * when a loop carries vectors. Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorDepthwiseRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector EVEN = VectorPhasePlanes.EVEN, ODD = VectorPhasePlanes.ODD;

    private VectorDepthwiseRows() {}

    /** True for 2-d 3×3 undilated depthwise planes with stride 2 on both axes. */
    static boolean applies(ConvGeometry g) {
        return g.inD() == 1 && g.kD() == 1 && g.outD() == 1 && g.pD() == 0 && g.kH() == 3 && g.kW() == 3
                && g.dH() == 1 && g.dW() == 1 && g.sH() == 2 && g.sW() == 2;
    }

    /** One plane: {@code y[yBase..]} (outH × outW) = clamp(conv(x[xBase..]) + b), weights {@code w[wBase..wBase+9)}. */
    static void plane(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, float[] y, int yBase, Clamp clamp) {
        int outW = g.outW(), s = 2;
        int lo = Math.min(outW, (g.pW() + s - 1) / s);
        int hi = Math.max(lo, Math.min(outW, Math.floorDiv(g.inW() - 3 + g.pW(), s) + 1));
        for (int oh = 0; oh < g.outH(); oh++) {
            int yr = yBase + oh * outW;
            boolean vector = vectorRow(g, x.length, y.length, xBase, yr, oh, lo, hi);
            // Outputs whose window touches the padding, one at a time (whole rows near the end of
            // the arrays too); rows2 does the rest.
            int skipFrom = vector ? lo : outW, skipTo = vector ? hi : outW;
            for (int ow = 0; ow < skipFrom; ow++) y[yr + ow] = one(g, x, xBase, w, wBase, b, clamp, oh, ow);
            for (int ow = skipTo; ow < outW; ow++) y[yr + ow] = one(g, x, xBase, w, wBase, b, clamp, oh, ow);
        }
        rows2(g, x, xBase, w, wBase, b, y, yBase, clamp, lo, hi);
    }

    /**
     * True when output row oh's outputs [lo, hi) go through rows2: its three input rows are inside
     * the plane, and every whole-vector read and store of the row stays inside x and y.
     */
    private static boolean vectorRow(ConvGeometry g, int xLen, int yLen, int xBase, int yr, int oh, int lo, int hi) {
        int ih = 2 * oh - g.pH();
        if (ih < 0 || ih + 2 >= g.inH() || lo >= hi) return false;
        int lastRun = Math.max(lo, hi - L);
        long lastRead = (long) xBase + (ih + 2) * g.inW() - g.pW() + 2L * lastRun + 2 + 2L * L;
        return lastRead <= xLen && (long) yr + lastRun + L <= yLen;
    }

    /**
     * Where the run of L outputs starting at column c0 of a row goes: {@code c0} itself, or for the
     * last run of a row at least L wide, {@code hi - L} (overlapping the run before); -1 when the
     * row is narrower than L (then the run is stored lane-masked from {@code lo}).
     */
    private static int runStart(int c0, int lo, int hi) {
        return hi - lo < L ? -1 : Math.min(c0, hi - L);
    }

    /** Stores a run (the whole vector is inside y: see vectorRow): whole, or its first {@code n} lanes. */
    private static void store(FloatVector v, float[] y, int at, int n) {
        if (n == L) v.intoArray(y, at);
        else v.intoArray(y, at, VectorMask.fromLong(S, (1L << n) - 1));
    }

    // The loop below is written out tap by tap, with nothing else in it (the scalar outputs are
    // plane's): C2 keeps vectors in registers only while a method inlines few enough Vector API
    // calls and no loop or branch merges vectors; past that it falls back to the API's Java code,
    // which allocates and runs a hundred times slower.

    /** Stride 2: interior outputs [lo, hi) of every interior row. */
    private static void rows2(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, float[] y, int yBase,
                              Clamp clamp, int lo, int hi) {
        int inW = g.inW(), outW = g.outW();
        FloatVector w0 = FloatVector.broadcast(S, w[wBase]), w1 = FloatVector.broadcast(S, w[wBase + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wBase + 2]), w3 = FloatVector.broadcast(S, w[wBase + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wBase + 4]), w5 = FloatVector.broadcast(S, w[wBase + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wBase + 6]), w7 = FloatVector.broadcast(S, w[wBase + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wBase + 8]);
        FloatVector bias = FloatVector.broadcast(S, b), zero = FloatVector.zero(S);
        FloatVector vlo = FloatVector.broadcast(S, clamp.lo()), vhi = FloatVector.broadcast(S, clamp.hi());
        for (int oh = 0; oh < g.outH(); oh++) {
            int ih = 2 * oh - g.pH(), yr = yBase + oh * outW;
            if (!vectorRow(g, x.length, y.length, xBase, yr, oh, lo, hi)) continue; // plane did it
            int r0 = xBase + ih * inW - g.pW();
            for (int c0 = lo; c0 < hi; c0 += L) {
                int c = runStart(c0, lo, hi), n = c < 0 ? hi - lo : L;
                if (c < 0) c = lo;
                int at = r0 + 2 * c, r1 = at + inW, r2 = r1 + inW;
                FloatVector p0 = FloatVector.fromArray(S, x, at), q0 = FloatVector.fromArray(S, x, at + L);
                FloatVector p1 = FloatVector.fromArray(S, x, r1), q1 = FloatVector.fromArray(S, x, r1 + L);
                FloatVector p2 = FloatVector.fromArray(S, x, r2), q2 = FloatVector.fromArray(S, x, r2 + L);
                FloatVector a0 = EVEN.selectFrom(p0, q0).fma(w0, bias);
                FloatVector a1 = EVEN.selectFrom(p1, q1).fma(w3, zero);
                FloatVector a2 = EVEN.selectFrom(p2, q2).fma(w6, zero);
                a0 = ODD.selectFrom(p0, q0).fma(w1, a0);
                a1 = ODD.selectFrom(p1, q1).fma(w4, a1);
                a2 = ODD.selectFrom(p2, q2).fma(w7, a2);
                a0 = EVEN.selectFrom(FloatVector.fromArray(S, x, at + 2), FloatVector.fromArray(S, x, at + 2 + L)).fma(w2, a0);
                a1 = EVEN.selectFrom(FloatVector.fromArray(S, x, r1 + 2), FloatVector.fromArray(S, x, r1 + 2 + L)).fma(w5, a1);
                a2 = EVEN.selectFrom(FloatVector.fromArray(S, x, r2 + 2), FloatVector.fromArray(S, x, r2 + 2 + L)).fma(w8, a2);
                // Clamped even without a clamp (bounds ±infinity change no value, NaN and -0 included):
                // a vector chosen by a branch is a merge C2 can only make with a boxed copy.
                store(a0.add(a1).add(a2).max(vlo).min(vhi), y, yr + c, n);
            }
        }
    }

    /** Output (oh, ow) as the scalar twin computes it: padding read as 0 and multiplied. */
    private static float one(ConvGeometry g, float[] x, int xBase, float[] w, int wBase, float b, Clamp clamp, int oh, int ow) {
        int s = g.sW(), inH = g.inH(), inW = g.inW();
        float acc = b;
        for (int kh = 0; kh < 3; kh++) {
            int ih = oh * s - g.pH() + kh;
            float part = kh == 0 ? b : 0f;
            for (int kw = 0; kw < 3; kw++) {
                int iw = ow * s - g.pW() + kw;
                float v = ih >= 0 && ih < inH && iw >= 0 && iw < inW ? x[xBase + ih * inW + iw] : 0f;
                part = Math.fma(v, w[wBase + kh * 3 + kw], part);
            }
            acc = kh == 0 ? part : acc + part;
        }
        return clamp.isNone() ? acc : Math.min(Math.max(acc, clamp.lo()), clamp.hi());
    }
}
