package dev.weft.tensor.ops;

/**
 * Scalar special functions that {@link Math} lacks, in double precision: the error function and
 * the two GELU forms. Pure functions, thread-safe.
 */
public final class ScalarMath {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double SQRT_2_OVER_PI = 0.7978845608028654;

    private ScalarMath() {}

    /**
     * The error function, accurate to a few units in the last place of a double.
     *
     * <p>Below |x| = 3 the Maclaurin series converges with at most two digits lost to
     * cancellation; above it the continued fraction of erfc converges fast, evaluated backwards
     * from a fixed depth; beyond 6, erf is 1 in double precision.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        double r;
        if (ax < 3.0) {
            double x2 = ax * ax;
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 80; n++) {
                term *= -x2 / n;
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17 * sum) break;
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else if (ax < 6.0) {
            r = 1.0 - erfcLarge(ax);
        } else {
            r = 1.0;
        }
        return x < 0 ? -r : r;
    }

    /** erfc(x) for x ≥ 3 by the continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))). */
    private static double erfcLarge(double x) {
        double f = x;
        for (int n = 60; n >= 1; n--) f = x + (n * 0.5) / f;
        return Math.exp(-x * x) * INV_SQRT_PI / f;
    }

    /** The complementary error function 1 - erf(x), without cancellation in the right tail. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x >= 6.0) return x >= 27 ? 0 : erfcLarge(x);
        if (x >= 3.0) return erfcLarge(x);
        return 1.0 - erf(x);
    }

    /** GELU with the exact erf form: {@code x/2 * (1 + erf(x/√2)) = x/2 * erfc(-x/√2)}, accurate in the negative tail. */
    public static double gelu(double x) { return 0.5 * x * erfc(-x * INV_SQRT2); }

    /** GELU with the tanh approximation: {@code x/2 * (1 + tanh(√(2/π) (x + 0.044715 x³)))}. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    /** The logistic function, written so that neither branch overflows. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x) without overflow for large x. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
