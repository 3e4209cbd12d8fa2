package dev.weft.tensor.ops;

import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Elementwise functions of two broadcast tensors, as ONNX defines them: a definition in double
 * precision for the floating types and an exact one on longs for the integer types.
 *
 * <p>Integer semantics: add, sub, mul wrap as in C; div truncates toward zero; {@link #MOD}
 * takes the sign of the divisor (Python, ONNX Mod with fmod=0) and {@link #FMOD} the sign of the
 * dividend (C fmod); integer division or modulo by zero is refused with an exception; pow with a
 * negative exponent truncates toward zero. Unsigned 64-bit values are handled by the callers
 * through {@link #applyUnsigned}.
 */
public enum BinaryOp {
    ADD(Double::sum, Long::sum),
    SUB((a, b) -> a - b, (a, b) -> a - b),
    MUL((a, b) -> a * b, (a, b) -> a * b),
    DIV((a, b) -> a / b, (a, b) -> {
        if (b == 0) throw new ArithmeticException("Div: integer division by zero");
        return a / b;
    }),
    POW(Math::pow, BinaryOp::integerPow),
    MAX(Math::max, Math::max),
    MIN(Math::min, Math::min),
    /** Remainder with the sign of the divisor (NumPy mod, ONNX Mod fmod=0). */
    MOD(BinaryOp::floorMod, (a, b) -> {
        if (b == 0) throw new ArithmeticException("Mod: integer modulo by zero");
        return Math.floorMod(a, b);
    }),
    /** Remainder with the sign of the dividend (C fmod, ONNX Mod fmod=1). */
    FMOD((a, b) -> a % b, (a, b) -> {
        if (b == 0) throw new ArithmeticException("Mod: integer modulo by zero");
        return a % b;
    }),
    /** ONNX PRelu: {@code a < 0 ? a * b : a}, b being the slope. */
    PRELU((a, b) -> a < 0 ? a * b : a, (a, b) -> a < 0 ? a * b : a),
    /** ONNX BitShift LEFT; shifts of 64 or more give 0. */
    BITSHIFT_LEFT(null, (a, b) -> b < 0 || b >= 64 ? 0 : a << b),
    /** ONNX BitShift RIGHT (arithmetic for signed types, logical for unsigned). */
    BITSHIFT_RIGHT(null, (a, b) -> b < 0 || b >= 64 ? (a < 0 ? -1 : 0) : a >> b),
    BITWISE_AND(null, (a, b) -> a & b),
    BITWISE_OR(null, (a, b) -> a | b),
    BITWISE_XOR(null, (a, b) -> a ^ b);

    private final DoubleBinaryOperator fn;
    private final LongBinaryOperator longFn;

    BinaryOp(DoubleBinaryOperator fn, LongBinaryOperator longFn) {
        this.fn = fn;
        this.longFn = longFn;
    }

    /** The function on one pair of values in double precision. */
    public double apply(double a, double b) {
        if (fn == null) throw new IllegalArgumentException(this + " is defined on integers only");
        return fn.applyAsDouble(a, b);
    }

    /** The function on one pair of signed integers, exactly. */
    public long applyLong(long a, long b) { return longFn.applyAsLong(a, b); }

    /** The function on one pair of unsigned 64-bit integers held in longs. */
    public long applyUnsigned(long a, long b) {
        return switch (this) {
            case DIV -> {
                if (b == 0) throw new ArithmeticException("Div: integer division by zero");
                yield Long.divideUnsigned(a, b);
            }
            case MOD, FMOD -> {
                if (b == 0) throw new ArithmeticException("Mod: integer modulo by zero");
                yield Long.remainderUnsigned(a, b);
            }
            case MAX -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            case MIN -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case BITSHIFT_RIGHT -> b < 0 || b >= 64 ? 0 : a >>> b;
            case PRELU -> a;
            default -> applyLong(a, b);
        };
    }

    /** True when the op has a floating-point definition. */
    public boolean hasFloatForm() { return fn != null; }

    private static double floorMod(double a, double b) {
        double r = a % b;
        if (r != 0 && (r < 0) != (b < 0)) r += b;
        return r;
    }

    private static long integerPow(long base, long exp) {
        if (exp < 0) {
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            if (base == 0) throw new ArithmeticException("Pow: 0 to a negative integer power");
            return 0;
        }
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) result *= base;
            base *= base;
            exp >>= 1;
        }
        return result;
    }
}
