package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link Pool} for 1-d and 2-d max and average pooling without indices.
 * The plane is split into {@link PhasePlanes} (filled with -infinity for max and 0 for average), then
 * each run of L outputs is reduced over all taps in a register, in the scalar loop's (kh, kw) order,
 * and stored once; runs are placed as in {@code VectorDepthwise} (row by row, or one flat run through
 * a scratch buffer for planes narrower than a vector).
 *
 * <p>Max keeps a lane only when the new value is strictly greater, exactly as the scalar
 * {@code if (v > y) y = v}: NaN never wins (it is skipped, as ONNX Runtime does) and padding (-infinity)
 * never changes anything. Average adds padding as +0, which leaves every sum bit-identical to the scalar
 * one (a sum started at +0 is never -0), then divides by the same tap count. Loaded only when
 * {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorPool() {}

    static int lanes() { return L; }

    static void maxPlane(PhasePlanes p, int[] tap, float[] s, float[] x, int xBase, float[] y, int yBase) {
        VectorPhasePlanes.split(p, x, xBase, Float.NEGATIVE_INFINITY, s);
        if (tap.length == 9) maxThree(p, tap, s, y, yBase);
        else maxGeneral(p, tap, s, y, yBase);
        if (p.outW < L) VectorDepthwise.compact(p, s, y, yBase);
    }

    private static FloatVector max(FloatVector acc, float[] s, int off) {
        FloatVector v = FloatVector.fromArray(S, s, off);
        return acc.blend(v, v.compare(VectorOperators.GT, acc));
    }

    private static void maxThree(PhasePlanes p, int[] tap, float[] s, float[] y, int yBase) {
        int t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7], t8 = tap[8];
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        boolean wide = p.outW >= L;
        int rows = wide ? p.outH : 1, width = wide ? p.outW : p.flat(), last = Math.max(0, width - L);
        float[] dst = wide ? y : s;
        for (int oh = 0; oh < rows; oh++) {
            int fRow = oh * p.pitch, atRow = wide ? yBase + oh * p.outW : p.outOff;
            for (int c0 = 0; c0 < width; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector acc = max(none, s, f + t0);
                acc = max(acc, s, f + t1);
                acc = max(acc, s, f + t2);
                acc = max(acc, s, f + t3);
                acc = max(acc, s, f + t4);
                acc = max(acc, s, f + t5);
                acc = max(acc, s, f + t6);
                acc = max(acc, s, f + t7);
                acc = max(acc, s, f + t8);
                acc.intoArray(dst, atRow + c);
            }
        }
    }

    private static void maxGeneral(PhasePlanes p, int[] tap, float[] s, float[] y, int yBase) {
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        boolean wide = p.outW >= L;
        int rows = wide ? p.outH : 1, width = wide ? p.outW : p.flat(), last = Math.max(0, width - L);
        float[] dst = wide ? y : s;
        for (int oh = 0; oh < rows; oh++) {
            int fRow = oh * p.pitch, atRow = wide ? yBase + oh * p.outW : p.outOff;
            for (int c0 = 0; c0 < width; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector acc = none;
                for (int t = 0; t < tap.length; t++) acc = max(acc, s, f + tap[t]);
                acc.intoArray(dst, atRow + c);
            }
        }
    }

    /**
     * Average pooling of one plane; {@code count[f]} is the divisor at flat position f of
     * {@link PhasePlanes} (1 in garbage columns; at least {@code flat() + L} long).
     */
    static void averagePlane(PhasePlanes p, int[] tap, float[] count, float[] s, float[] x, int xBase, float[] y, int yBase) {
        VectorPhasePlanes.split(p, x, xBase, 0f, s);
        boolean wide = p.outW >= L;
        int rows = wide ? p.outH : 1, width = wide ? p.outW : p.flat(), last = Math.max(0, width - L);
        float[] dst = wide ? y : s;
        FloatVector zero = FloatVector.zero(S);
        for (int oh = 0; oh < rows; oh++) {
            int fRow = oh * p.pitch, atRow = wide ? yBase + oh * p.outW : p.outOff;
            for (int c0 = 0; c0 < width; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector acc = zero;
                for (int t = 0; t < tap.length; t++) acc = acc.add(FloatVector.fromArray(S, s, f + tap[t]));
                acc.div(FloatVector.fromArray(S, count, f)).intoArray(dst, atRow + c);
            }
        }
        if (!wide) VectorDepthwise.compact(p, s, y, yBase);
    }
}
