package dev.weft.tensor.kernel;

/**
 * Exact GELU, {@code x/2·(1 + erf(x/√2))}, over a float array: the kernel of fused GELU nodes.
 *
 * <p>Both paths compute {@code 1 + erf(z)} from erfc alone: {@code erfc(|z|)} for z &lt; 0 and
 * {@code 2 - erfc(|z|)} otherwise, so nothing cancels and the negative tail keeps its relative
 * accuracy. The Vector API path ({@link VectorSupport}) evaluates erfc with the Chebyshev fit
 * {@code t·exp(-z² + P(t))}, {@code t = 1/(1 + |z|/2)}, whose relative error is below 1.2e-7, in
 * float; the scalar twin evaluates the same fit in double and rounds the result to float.
 *
 * <p><b>Thread safety.</b> Stateless; calls on distinct outputs may run concurrently. Allocates nothing.
 */
public final class Gelu {
    private Gelu() {}

    /** {@code o[oo+i] = gelu(x[xo+i])} for i in [0, len); o may be x at the same offset. */
    public static void apply(float[] x, int xo, float[] o, int oo, int len) {
        int done = VectorSupport.enabled() ? VectorGelu.apply(x, xo, o, oo, len) : 0;
        for (int i = done; i < len; i++) o[oo + i] = (float) scalar(x[xo + i]);
    }

    /** GELU of one value in double precision, from erfc as the class says. */
    static double scalar(double x) {
        double z = x * 0.7071067811865476, az = Math.abs(z);
        double erfc = erfc(az);
        return 0.5 * x * (z < 0 ? erfc : 2 - erfc);
    }

    /**
     * erfc(a) for a ≥ 0 by the same Chebyshev fit as the vector path, evaluated in double: its
     * relative error is below 1.2e-7 over the whole range.
     */
    static double erfc(double a) {
        double t = 1 / (1 + 0.5 * a);
        double p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return t * Math.exp(-a * a + p);
    }
}
