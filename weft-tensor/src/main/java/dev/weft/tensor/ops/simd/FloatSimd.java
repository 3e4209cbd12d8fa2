package dev.weft.tensor.ops.simd;

import dev.weft.tensor.ops.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 unary kernels on the preferred vector species. Each processes the longest prefix that
 * is a whole number of vectors and returns its length; the caller finishes the tail with its
 * scalar loop (0 means the op has no vector form here). Arguments are trusted. Stateless and
 * thread-safe.
 *
 * <p>Implementation notes: every op has its own small loop method so that C2 inlines the Vector
 * API calls and keeps vectors in registers (one big method would box them). tanh and erf are
 * computed here from exp and polynomials rather than with {@code VectorOperators.TANH}, which
 * has no fast intrinsic on every CPU.
 */
public final class FloatSimd {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private FloatSimd() {}

    /** {@code o[oo+i] = op(x[xo+i])}. */
    public static int unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        switch (op) {
            case NEG -> neg(x, xo, o, oo, up);
            case ABS -> abs(x, xo, o, oo, up);
            case EXP -> exp(x, xo, o, oo, up);
            case LOG -> log(x, xo, o, oo, up);
            case SQRT -> sqrt(x, xo, o, oo, up);
            case RECIPROCAL -> reciprocal(x, xo, o, oo, up);
            case RELU -> relu(x, xo, o, oo, up);
            case SIGMOID -> sigmoid(x, xo, o, oo, up);
            case TANH -> tanh(x, xo, o, oo, up);
            case ERF -> erf(x, xo, o, oo, up, false);
            case GELU -> erf(x, xo, o, oo, up, true);
            case GELU_TANH -> geluTanh(x, xo, o, oo, up);
            default -> { return 0; }
        }
        return up;
    }

    private static FloatVector v(float[] a, int off) { return FloatVector.fromArray(S, a, off); }

    private static void neg(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) v(x, xo + i).neg().intoArray(o, oo + i);
    }

    private static void abs(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) v(x, xo + i).abs().intoArray(o, oo + i);
    }

    private static void exp(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) v(x, xo + i).lanewise(VectorOperators.EXP).intoArray(o, oo + i);
    }

    private static void log(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) v(x, xo + i).lanewise(VectorOperators.LOG).intoArray(o, oo + i);
    }

    private static void sqrt(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) v(x, xo + i).sqrt().intoArray(o, oo + i);
    }

    private static void reciprocal(float[] x, int xo, float[] o, int oo, int up) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < up; i += L) one.div(v(x, xo + i)).intoArray(o, oo + i);
    }

    private static void relu(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) {
            FloatVector a = v(x, xo + i);
            a.blend(0f, a.lt(0f)).intoArray(o, oo + i);
        }
    }

    private static void sigmoid(float[] x, int xo, float[] o, int oo, int up) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < up; i += L) one.div(one.add(v(x, xo + i).neg().lanewise(VectorOperators.EXP))).intoArray(o, oo + i);
    }

    /**
     * tanh: an odd Taylor polynomial to x^15 below |x| = 0.55 (truncation error under 5e-8
     * relative), and {@code 1 - 2/(e^{2|x|} + 1)} with the sign restored above it.
     */
    private static void tanh(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) {
            FloatVector a = v(x, xo + i);
            FloatVector ax = a.abs();
            FloatVector x2 = a.mul(a);
            FloatVector small = x2.mul(-929569f / 638512875f).add(21844f / 6081075f)
                    .mul(x2).add(-1382f / 155925f)
                    .mul(x2).add(62f / 2835f)
                    .mul(x2).add(-17f / 315f)
                    .mul(x2).add(2f / 15f)
                    .mul(x2).add(-1f / 3f)
                    .mul(x2).mul(a).add(a);
            FloatVector e = ax.mul(2f).lanewise(VectorOperators.EXP);
            FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
            large = large.blend(large.neg(), a.lt(0f));
            small.blend(large, ax.compare(VectorOperators.GE, 0.55f)).intoArray(o, oo + i);
        }
    }

    /**
     * erf (or, with {@code gelu}, {@code x/2 (1 + erf(x/√2))}) in float precision: an odd
     * Maclaurin polynomial below |x| = 0.5, and above it {@code 1 - t·exp(-x² + P(t))} with
     * {@code t = 1/(1 + |x|/2)}, a Chebyshev fit whose relative error in erfc is below 1.2e-7.
     */
    private static void erf(float[] x, int xo, float[] o, int oo, int up, boolean gelu) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < up; i += L) {
            FloatVector in = v(x, xo + i);
            FloatVector z = gelu ? in.mul(0.70710678f) : in;
            FloatVector az = z.abs();
            FloatVector z2 = z.mul(z);
            FloatVector p = z2.mul(-1f / 75600f).add(1f / 9360f)
                    .mul(z2).add(-1f / 1320f)
                    .mul(z2).add(1f / 216f)
                    .mul(z2).add(-1f / 42f)
                    .mul(z2).add(1f / 10f)
                    .mul(z2).add(-1f / 3f)
                    .mul(z2).add(1f)
                    .mul(az).mul(1.1283791671f);
            FloatVector t = one.div(az.mul(0.5f).add(1f));
            FloatVector poly = t.mul(0.17087277f).add(-0.82215223f)
                    .mul(t).add(1.48851587f)
                    .mul(t).add(-1.13520398f)
                    .mul(t).add(0.27886807f)
                    .mul(t).add(-0.18628806f)
                    .mul(t).add(0.09678418f)
                    .mul(t).add(0.37409196f)
                    .mul(t).add(1.00002368f)
                    .mul(t).add(-1.26551223f);
            FloatVector erfc = t.mul(poly.sub(z2).lanewise(VectorOperators.EXP)); // erfc(|z|) for |z| >= 0.5
            VectorMask<Float> big = az.compare(VectorOperators.GE, 0.5f);
            VectorMask<Float> negative = z.lt(0f);
            if (gelu) {
                // 1 + erf(z), taking erfc directly in the negative tail so that nothing cancels.
                FloatVector nearZero = one.add(p.blend(p.neg(), negative));
                FloatVector tail = one.add(one).sub(erfc).blend(erfc, negative);
                nearZero.blend(tail, big).mul(in).mul(0.5f).intoArray(o, oo + i);
            } else {
                FloatVector r = p.blend(one.sub(erfc), big);
                r.blend(r.neg(), negative).intoArray(o, oo + i);
            }
        }
    }

    private static void geluTanh(float[] x, int xo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) {
            FloatVector a = v(x, xo + i);
            // x/2 (1 + tanh(u)) = x / (1 + e^{-2u}) exactly, and the right side does not cancel.
            FloatVector u = a.mul(a).mul(0.044715f).add(1f).mul(a).mul(0.7978845608f);
            a.div(u.mul(-2f).lanewise(VectorOperators.EXP).add(1f)).intoArray(o, oo + i);
        }
    }

    /** {@code o = min(max(x, lo), hi)}; NaN stays NaN. */
    public static int clip(float[] x, int xo, float lo, float hi, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        for (int i = 0; i < up; i += L) {
            FloatVector a = v(x, xo + i);
            a.blend(lo, a.lt(lo)).blend(hi, a.compare(VectorOperators.GT, hi)).intoArray(o, oo + i);
        }
        return up;
    }

    /**
     * {@code o = clamp(x + y)} with the clamp of {@code dev.weft.tensor.kernel.Clamp#apply}
     * ({@code hi} when at least {@code hi}, else {@code lo} when at most {@code lo}; NaN stays NaN),
     * in one pass: a residual Add followed by Relu or Clip. Returns the prefix done.
     */
    public static int addClamp(float[] x, int xo, float[] y, int yo, float lo, float hi, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        FloatVector vlo = FloatVector.broadcast(S, lo), vhi = FloatVector.broadcast(S, hi);
        for (int i = 0; i < up; i += L) {
            FloatVector s = v(x, xo + i).add(v(y, yo + i));
            s.blend(vlo, s.compare(VectorOperators.LE, vlo)).blend(vhi, s.compare(VectorOperators.GE, vhi)).intoArray(o, oo + i);
        }
        return up;
    }

    /** {@code o = x < 0 ? alpha * x : x}. */
    public static int leakyRelu(float[] x, int xo, float alpha, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        for (int i = 0; i < up; i += L) {
            FloatVector a = v(x, xo + i);
            a.blend(a.mul(alpha), a.lt(0f)).intoArray(o, oo + i);
        }
        return up;
    }
}
