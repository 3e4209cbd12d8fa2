package dev.weft.tensor.ops.simd;

import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise float32 kernels on the preferred vector species. The elementwise methods process
 * the longest prefix that is a whole number of vectors and return its length; the caller finishes
 * the tail with its scalar loop (0 means the op has no vector form here). Arguments are trusted:
 * callers checked bounds. Stateless and thread-safe.
 */
public final class FloatSimd {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private FloatSimd() {}

    /** {@code o[oo+i] = a[ao+i] op b[bo+i]}. */
    public static int binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        int i = 0;
        switch (op) {
            case ADD -> { for (; i < up; i += L) va(a, ao + i).add(va(b, bo + i)).intoArray(o, oo + i); }
            case SUB -> { for (; i < up; i += L) va(a, ao + i).sub(va(b, bo + i)).intoArray(o, oo + i); }
            case MUL -> { for (; i < up; i += L) va(a, ao + i).mul(va(b, bo + i)).intoArray(o, oo + i); }
            case DIV -> { for (; i < up; i += L) va(a, ao + i).div(va(b, bo + i)).intoArray(o, oo + i); }
            case MAX -> { for (; i < up; i += L) va(a, ao + i).max(va(b, bo + i)).intoArray(o, oo + i); }
            case MIN -> { for (; i < up; i += L) va(a, ao + i).min(va(b, bo + i)).intoArray(o, oo + i); }
            case POW -> { for (; i < up; i += L) va(a, ao + i).lanewise(VectorOperators.POW, va(b, bo + i)).intoArray(o, oo + i); }
            case PRELU -> {
                for (; i < up; i += L) {
                    FloatVector x = va(a, ao + i);
                    x.blend(x.mul(va(b, bo + i)), x.lt(0f)).intoArray(o, oo + i);
                }
            }
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o[oo+i] = a[ao+i] op b} for one scalar b. */
    public static int binaryScalarRight(BinaryOp op, float[] a, int ao, float b, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        int i = 0;
        FloatVector vb = FloatVector.broadcast(S, b);
        switch (op) {
            case ADD -> { for (; i < up; i += L) va(a, ao + i).add(vb).intoArray(o, oo + i); }
            case SUB -> { for (; i < up; i += L) va(a, ao + i).sub(vb).intoArray(o, oo + i); }
            case MUL -> { for (; i < up; i += L) va(a, ao + i).mul(vb).intoArray(o, oo + i); }
            case DIV -> { for (; i < up; i += L) va(a, ao + i).div(vb).intoArray(o, oo + i); }
            case MAX -> { for (; i < up; i += L) va(a, ao + i).max(vb).intoArray(o, oo + i); }
            case MIN -> { for (; i < up; i += L) va(a, ao + i).min(vb).intoArray(o, oo + i); }
            case POW -> {
                if (b == 2f) {
                    for (; i < up; i += L) { FloatVector x = va(a, ao + i); x.mul(x).intoArray(o, oo + i); }
                } else {
                    for (; i < up; i += L) va(a, ao + i).lanewise(VectorOperators.POW, vb).intoArray(o, oo + i);
                }
            }
            case PRELU -> {
                for (; i < up; i += L) {
                    FloatVector x = va(a, ao + i);
                    x.blend(x.mul(vb), x.lt(0f)).intoArray(o, oo + i);
                }
            }
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o[oo+i] = a op b[bo+i]} for one scalar a. */
    public static int binaryScalarLeft(BinaryOp op, float a, float[] b, int bo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        int i = 0;
        FloatVector va = FloatVector.broadcast(S, a);
        switch (op) {
            case ADD -> { for (; i < up; i += L) va.add(va(b, bo + i)).intoArray(o, oo + i); }
            case SUB -> { for (; i < up; i += L) va.sub(va(b, bo + i)).intoArray(o, oo + i); }
            case MUL -> { for (; i < up; i += L) va.mul(va(b, bo + i)).intoArray(o, oo + i); }
            case DIV -> { for (; i < up; i += L) va.div(va(b, bo + i)).intoArray(o, oo + i); }
            case MAX -> { for (; i < up; i += L) va.max(va(b, bo + i)).intoArray(o, oo + i); }
            case MIN -> { for (; i < up; i += L) va.min(va(b, bo + i)).intoArray(o, oo + i); }
            case POW -> { for (; i < up; i += L) va.lanewise(VectorOperators.POW, va(b, bo + i)).intoArray(o, oo + i); }
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o[oo+i] = op(x[xo+i])}. */
    public static int unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        int i = 0;
        switch (op) {
            case NEG -> { for (; i < up; i += L) va(x, xo + i).neg().intoArray(o, oo + i); }
            case ABS -> { for (; i < up; i += L) va(x, xo + i).abs().intoArray(o, oo + i); }
            case EXP -> { for (; i < up; i += L) va(x, xo + i).lanewise(VectorOperators.EXP).intoArray(o, oo + i); }
            case LOG -> { for (; i < up; i += L) va(x, xo + i).lanewise(VectorOperators.LOG).intoArray(o, oo + i); }
            case SQRT -> { for (; i < up; i += L) va(x, xo + i).sqrt().intoArray(o, oo + i); }
            case TANH -> { for (; i < up; i += L) va(x, xo + i).lanewise(VectorOperators.TANH).intoArray(o, oo + i); }
            case SIN -> { for (; i < up; i += L) va(x, xo + i).lanewise(VectorOperators.SIN).intoArray(o, oo + i); }
            case COS -> { for (; i < up; i += L) va(x, xo + i).lanewise(VectorOperators.COS).intoArray(o, oo + i); }
            case RECIPROCAL -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < up; i += L) one.div(va(x, xo + i)).intoArray(o, oo + i);
            }
            case RELU -> {
                for (; i < up; i += L) {
                    FloatVector v = va(x, xo + i);
                    v.blend(0f, v.lt(0f)).intoArray(o, oo + i);
                }
            }
            case SIGMOID -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < up; i += L) {
                    one.div(one.add(va(x, xo + i).neg().lanewise(VectorOperators.EXP))).intoArray(o, oo + i);
                }
            }
            case ERF -> { for (; i < up; i += L) erf(va(x, xo + i)).intoArray(o, oo + i); }
            case GELU -> {
                for (; i < up; i += L) {
                    FloatVector v = va(x, xo + i);
                    erf(v.mul(0.70710678f)).add(1f).mul(v).mul(0.5f).intoArray(o, oo + i);
                }
            }
            case GELU_TANH -> {
                for (; i < up; i += L) {
                    FloatVector v = va(x, xo + i);
                    FloatVector inner = v.mul(v).mul(0.044715f).add(1f).mul(v).mul(0.7978845608f);
                    inner.lanewise(VectorOperators.TANH).add(1f).mul(v).mul(0.5f).intoArray(o, oo + i);
                }
            }
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o = min(max(x, lo), hi)}; NaN stays NaN. */
    public static int clip(float[] x, int xo, float lo, float hi, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        for (int i = 0; i < up; i += L) {
            FloatVector v = va(x, xo + i);
            v.blend(lo, v.lt(lo)).blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(o, oo + i);
        }
        return up;
    }

    /** {@code o = x < 0 ? alpha * x : x}. */
    public static int leakyRelu(float[] x, int xo, float alpha, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        for (int i = 0; i < up; i += L) {
            FloatVector v = va(x, xo + i);
            v.blend(v.mul(alpha), v.lt(0f)).intoArray(o, oo + i);
        }
        return up;
    }

    /**
     * erf in float precision: an odd Maclaurin polynomial below |x| = 0.5, and above it
     * 1 - t·exp(-x² + P(t)) with t = 1/(1 + |x|/2) (the Chebyshev fit with relative error in
     * erfc below 1.2e-7).
     */
    static FloatVector erf(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.mul(-1f / 75600f).add(1f / 9360f)
                .mul(x2).add(-1f / 1320f)
                .mul(x2).add(1f / 216f)
                .mul(x2).add(-1f / 42f)
                .mul(x2).add(1f / 10f)
                .mul(x2).add(-1f / 3f)
                .mul(x2).add(1f)
                .mul(ax).mul(1.1283791671f);
        FloatVector t = FloatVector.broadcast(S, 1f).div(ax.mul(0.5f).add(1f));
        FloatVector poly = t.mul(0.17087277f).add(-0.82215223f)
                .mul(t).add(1.48851587f)
                .mul(t).add(-1.13520398f)
                .mul(t).add(0.27886807f)
                .mul(t).add(-0.18628806f)
                .mul(t).add(0.09678418f)
                .mul(t).add(0.37409196f)
                .mul(t).add(1.00002368f)
                .mul(t).add(-1.26551223f);
        FloatVector large = FloatVector.broadcast(S, 1f)
                .sub(t.mul(poly.sub(x2).lanewise(VectorOperators.EXP)));
        FloatVector r = p.blend(large, ax.compare(VectorOperators.GE, 0.5f));
        // Restore the sign; NaN passes through because every step above propagates it.
        return r.blend(r.neg(), x.lt(0f));
    }

    private static FloatVector va(float[] a, int off) { return FloatVector.fromArray(S, a, off); }

    static VectorMask<Float> tailMask(int i, int len) { return S.indexInRange(i, len); }
}
