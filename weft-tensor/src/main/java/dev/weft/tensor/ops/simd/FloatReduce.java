package dev.weft.tensor.ops.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 reductions and row kernels (softmax, normalization) over one contiguous run, using
 * full vectors and a scalar tail. (A masked tail, with its mask from {@code indexInRange} and a load
 * that may reach past the array, takes the Vector API's Java fallback on JDK 25: microseconds and
 * allocation per call, which JFR showed on every softmax of ten classes.) Stateless and thread-safe;
 * arguments are trusted.
 */
public final class FloatReduce {
    private static final jdk.incubator.vector.VectorSpecies<Float> S = FloatSimd.S;
    private static final int L = FloatSimd.L;

    private FloatReduce() {}

    public static float sum(float[] x, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) acc = acc.add(FloatVector.fromArray(S, x, off + i));
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) r += x[off + i];
        return r;
    }

    public static float sumSquares(float[] x, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            acc = v.fma(v, acc);
        }
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) r = Math.fma(x[off + i], x[off + i], r);
        return r;
    }

    public static float sumAbs(float[] x, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) acc = acc.add(FloatVector.fromArray(S, x, off + i).abs());
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) r += Math.abs(x[off + i]);
        return r;
    }

    /** Sum of (x - mean)². */
    public static float sumSquaredDeviations(float[] x, int off, int len, float mean) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector m = FloatVector.broadcast(S, mean);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
            acc = d.fma(d, acc);
        }
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float d = x[off + i] - mean;
            r = Math.fma(d, d, r);
        }
        return r;
    }

    /** Maximum (NaN if any element is NaN); len must be at least 1. */
    public static float max(float[] x, int off, int len) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) acc = acc.max(FloatVector.fromArray(S, x, off + i));
        float r = acc.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) r = Math.max(r, x[off + i]);
        return r;
    }

    /** Minimum (NaN if any element is NaN); len must be at least 1. */
    public static float min(float[] x, int off, int len) {
        FloatVector acc = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) acc = acc.min(FloatVector.fromArray(S, x, off + i));
        float r = acc.reduceLanes(VectorOperators.MIN);
        for (; i < len; i++) r = Math.min(r, x[off + i]);
        return r;
    }

    /** Writes {@code o = exp(x - shift)} and returns its sum. */
    public static float expShifted(float[] x, int xo, float shift, float[] o, int oo, int len) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector s = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) {
            FloatVector e = FloatVector.fromArray(S, x, xo + i).sub(s).lanewise(VectorOperators.EXP);
            e.intoArray(o, oo + i);
            acc = acc.add(e);
        }
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[xo + i] - shift);
            o[oo + i] = e;
            r += e;
        }
        return r;
    }

    /** Sum of exp(x - shift), writing nothing. */
    public static float sumExpShifted(float[] x, int xo, float shift, int len) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector s = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, xo + i).sub(s).lanewise(VectorOperators.EXP));
        }
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) r += (float) Math.exp(x[xo + i] - shift);
        return r;
    }

    /** {@code o = x * a + b} over a run. */
    public static void affine(float[] x, int xo, float a, float b, float[] o, int oo, int len) {
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) FloatVector.fromArray(S, x, xo + i).fma(va, vb).intoArray(o, oo + i);
        for (; i < len; i++) o[oo + i] = Math.fma(x[xo + i], a, b);
    }

    /** {@code o = (x - mean) * inv * scale + bias} with per-element scale and bias (bias may be null). */
    public static void normalize(float[] x, int xo, float mean, float inv, float[] scale, int so,
                                 float[] bias, int bo, float[] o, int oo, int len) {
        FloatVector vm = FloatVector.broadcast(S, mean), vi = FloatVector.broadcast(S, inv);
        int i = 0;
        for (int up = S.loopBound(len); i < up; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i).sub(vm).mul(vi).mul(FloatVector.fromArray(S, scale, so + i));
            if (bias != null) v = v.add(FloatVector.fromArray(S, bias, bo + i));
            v.intoArray(o, oo + i);
        }
        for (; i < len; i++) {
            float v = (x[xo + i] - mean) * inv * scale[so + i];
            o[oo + i] = bias != null ? v + bias[bo + i] : v;
        }
    }

    /** {@code acc[i] op= x[i]} for op 0 add, 1 max, 2 min, 3 add of squares. */
    public static void accumulate(int op, float[] acc, int ao, float[] x, int xo, int len) {
        int i = 0;
        int up = S.loopBound(len);
        for (; i < up; i += L) {
            FloatVector a = FloatVector.fromArray(S, acc, ao + i);
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            (switch (op) {
                case 0 -> a.add(v);
                case 1 -> a.max(v);
                case 2 -> a.min(v);
                default -> v.fma(v, a);
            }).intoArray(acc, ao + i);
        }
        for (; i < len; i++) {
            float a = acc[ao + i], v = x[xo + i];
            acc[ao + i] = switch (op) {
                case 0 -> a + v;
                case 1 -> Math.max(a, v);
                case 2 -> Math.min(a, v);
                default -> a + v * v;
            };
        }
    }
}
