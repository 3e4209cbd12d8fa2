package dev.weft.tensor.ops;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Elementwise functions of one tensor, as ONNX defines them, with their scalar definition in
 * double precision and, where the op is meaningful on integers, an exact one on longs.
 *
 * <p>On an integer tensor an op without an integer form is computed in double and converted back
 * (truncating), so {@code sqrt} of int64 works but is not exact for values above 2^53.
 */
public enum UnaryOp {
    NEG(x -> -x, x -> -x),
    ABS(Math::abs, Math::abs),
    EXP(Math::exp, null),
    LOG(Math::log, null),
    SQRT(Math::sqrt, null),
    SIGMOID(ScalarMath::sigmoid, null),
    TANH(Math::tanh, null),
    /** max(0, x); NaN stays NaN. */
    RELU(x -> x < 0 ? 0.0 : x, x -> Math.max(0, x)),
    RECIPROCAL(x -> 1.0 / x, null),
    SOFTPLUS(ScalarMath::softplus, null),
    SOFTSIGN(x -> x / (1.0 + Math.abs(x)), null),
    /** x * tanh(softplus(x)). */
    MISH(x -> x * Math.tanh(ScalarMath.softplus(x)), null),
    /** x * hardsigmoid(x) with ONNX's alpha 1/6 and beta 0.5. */
    HARDSWISH(x -> x * Math.max(0.0, Math.min(1.0, x / 6.0 + 0.5)), null),
    SIN(Math::sin, null),
    COS(Math::cos, null),
    TAN(Math::tan, null),
    ASIN(Math::asin, null),
    ACOS(Math::acos, null),
    ATAN(Math::atan, null),
    SINH(Math::sinh, null),
    COSH(Math::cosh, null),
    ASINH(x -> Double.isInfinite(x) ? x : Math.copySign(Math.log(Math.abs(x) + Math.sqrt(x * x + 1.0)), x), null),
    ACOSH(x -> Math.log(x + Math.sqrt(x * x - 1.0)), null),
    ATANH(x -> 0.5 * Math.log((1.0 + x) / (1.0 - x)), null),
    ERF(ScalarMath::erf, null),
    /** GELU, exact form with erf. */
    GELU(ScalarMath::gelu, null),
    /** GELU, tanh approximation. */
    GELU_TANH(ScalarMath::geluTanh, null),
    FLOOR(Math::floor, x -> x),
    CEIL(Math::ceil, x -> x),
    /** Rounds half to even, as ONNX Round. */
    ROUND(Math::rint, x -> x),
    /** -1, 0 or 1 (NaN stays NaN). */
    SIGN(Math::signum, Long::signum),
    /** Bitwise complement; for bool, logical not. Integers and bool only. */
    BITWISE_NOT(null, x -> ~x),
    /** Identity (ONNX Identity), handy as a copy. */
    IDENTITY(x -> x, x -> x);

    private final DoubleUnaryOperator fn;
    private final LongUnaryOperator longFn;

    UnaryOp(DoubleUnaryOperator fn, LongUnaryOperator longFn) {
        this.fn = fn;
        this.longFn = longFn;
    }

    /** The function on one value in double precision. */
    public double apply(double x) {
        if (fn == null) throw new IllegalArgumentException(this + " is defined on integers and bool only");
        return fn.applyAsDouble(x);
    }

    /** The function on one integer value, exactly; only when {@link #hasIntegerForm()}. */
    public long applyLong(long x) {
        if (longFn == null) return (long) apply(x);
        return longFn.applyAsLong(x);
    }

    /** True when the op has an exact definition on integers. */
    public boolean hasIntegerForm() { return longFn != null; }

    /** True when the op has a floating-point definition. */
    public boolean hasFloatForm() { return fn != null; }
}
