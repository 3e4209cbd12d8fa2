package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/** Arithmetic: unary math functions, binary arithmetic with broadcasting, variadic Sum/Mean/Max/Min, Clip. */
final class MathOps {
    private MathOps() {}

    static void register(OpRegistry r) {
        unary(r, "Abs", Math::abs, Math::abs);
        unary(r, "Neg", x -> -x, x -> -x);
        unary(r, "Exp", Math::exp, null);
        unary(r, "Log", Math::log, null);
        unary(r, "Sqrt", Math::sqrt, null);
        unary(r, "Reciprocal", x -> 1.0 / x, null);
        unary(r, "Sin", Math::sin, null);
        unary(r, "Cos", Math::cos, null);
        unary(r, "Tan", Math::tan, null);
        unary(r, "Asin", Math::asin, null);
        unary(r, "Acos", Math::acos, null);
        unary(r, "Atan", Math::atan, null);
        unary(r, "Sinh", Math::sinh, null);
        unary(r, "Cosh", Math::cosh, null);
        unary(r, "Asinh", x -> Math.log(x + Math.sqrt(x * x + 1)), null);
        unary(r, "Acosh", x -> Math.log(x + Math.sqrt(x * x - 1)), null);
        unary(r, "Atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)), null);
        unary(r, "Ceil", Math::ceil, null);
        unary(r, "Floor", Math::floor, null);
        unary(r, "Round", Math::rint, null);
        unary(r, "Sign", Math::signum, x -> Long.signum(x));
        unary(r, "Erf", MathOps::erf, null);
        unary(r, "BitwiseNot", x -> x, x -> ~x);
        r.add("Not", 1, c -> c.op(Kernel.single(in -> Maps.unary(in.get(0), DType.BOOL, x -> x == 0 ? 1 : 0, x -> x == 0 ? 1 : 0))));
        r.add("IsNaN", 9, c -> c.op(Kernel.single(in -> Maps.unary(in.get(0), DType.BOOL, x -> Double.isNaN(x) ? 1 : 0, null)),
                DTypeRule.fixed(DType.BOOL)));
        r.add("IsInf", 10, c -> {
            boolean neg = c.attrInt("detect_negative", 1) != 0, pos = c.attrInt("detect_positive", 1) != 0;
            return c.op(Kernel.single(in -> Maps.unary(in.get(0), DType.BOOL,
                    x -> (x == Double.POSITIVE_INFINITY && pos) || (x == Double.NEGATIVE_INFINITY && neg) ? 1 : 0, null)),
                    DTypeRule.fixed(DType.BOOL));
        });

        binary(r, "Add", Double::sum, Long::sum);
        binary(r, "Sub", (a, b) -> a - b, (a, b) -> a - b);
        binary(r, "Mul", (a, b) -> a * b, (a, b) -> a * b);
        binary(r, "Div", (a, b) -> a / b, (a, b) -> {
            if (b == 0) throw new ArithmeticException("Div: integer division by zero");
            return a / b;
        });
        binary(r, "BitwiseAnd", (a, b) -> 0, (a, b) -> a & b);
        binary(r, "BitwiseOr", (a, b) -> 0, (a, b) -> a | b);
        binary(r, "BitwiseXor", (a, b) -> 0, (a, b) -> a ^ b);
        r.add("Pow", 1, c -> c.op(Kernel.single(in -> {
            Tensor a = in.get(0), b = in.get(1);
            return Maps.binary(a, b, a.dtype(), Math::pow, (x, y) -> (long) Math.pow(x, y));
        })));
        r.add("Mod", 10, c -> {
            boolean fmod = c.attrInt("fmod", 0) != 0;
            return c.op(Kernel.single(in -> {
                Maps.sameDType("Mod", in.get(0), in.get(1));
                return Maps.binary(in.get(0), in.get(1), in.get(0).dtype(),
                        fmod ? (a, b) -> a % b : (a, b) -> {
                            double m = a % b;
                            return m != 0 && (m < 0) != (b < 0) ? m + b : m;
                        },
                        fmod ? (a, b) -> a % b : Math::floorMod);
            }));
        });
        r.add("BitShift", 11, c -> {
            boolean left = c.attrString("direction", "").equals("LEFT");
            return c.op(Kernel.single(in -> Maps.binary(in.get(0), in.get(1), in.get(0).dtype(), (a, b) -> 0,
                    left ? (a, b) -> b >= 64 ? 0 : a << b : (a, b) -> b >= 64 ? 0 : a >>> b)));
        });
        r.add("PRelu", 1, c -> c.op(Kernel.single(in -> {
            Tensor x = in.get(0), slope = in.get(1);
            if (slope.rank() == 1 && x.rank() > 2 && slope.size() == x.shape().dim(1) && slope.size() != x.shape().dim(-1)) {
                // Early exporters wrote a per-channel slope as [C]; it applies along axis 1.
                int[] d = new int[x.rank() - 1];
                java.util.Arrays.fill(d, 1);
                d[0] = slope.size();
                slope = slope.reshape(d);
            }
            return Maps.binary(x, slope, x.dtype(), (v, s) -> v < 0 ? v * s : v, (v, s) -> v < 0 ? v * s : v);
        })));

        variadic(r, "Sum", Double::sum, Long::sum, false);
        variadic(r, "Mean", Double::sum, Long::sum, true);
        variadic(r, "Max", Math::max, Math::max, false);
        variadic(r, "Min", Math::min, Math::min, false);

        r.add("Clip", 1, c -> {
            double lo = c.attrFloat("min", Float.NEGATIVE_INFINITY), hi = c.attrFloat("max", Float.POSITIVE_INFINITY);
            return c.op(Kernel.single(in -> clip(in.get(0), lo, hi)));
        });
        r.add("Clip", 11, c -> c.op(Kernel.single(in -> {
            Tensor x = in.get(0);
            boolean integer = !x.dtype().isFloating();
            double lo = in.size() > 1 && in.get(1) != null ? in.get(1).getDouble(0) : Double.NEGATIVE_INFINITY;
            double hi = in.size() > 2 && in.get(2) != null ? in.get(2).getDouble(0) : Double.POSITIVE_INFINITY;
            if (integer) {
                long l = in.size() > 1 && in.get(1) != null ? in.get(1).getLong(0) : Long.MIN_VALUE;
                long h = in.size() > 2 && in.get(2) != null ? in.get(2).getLong(0) : Long.MAX_VALUE;
                return Maps.unary(x, x.dtype(), v -> v, v -> Math.min(Math.max(v, l), h));
            }
            return clip(x, lo, hi);
        })));
    }

    private static Tensor clip(Tensor x, double lo, double hi) {
        return Maps.unary(x, x.dtype(), v -> Double.isNaN(v) ? v : Math.min(Math.max(v, lo), hi),
                v -> (long) Math.min(Math.max(v, lo), hi));
    }

    private static void unary(OpRegistry r, String name, DoubleUnaryOperator f, LongUnaryOperator g) {
        r.add(name, 1, c -> c.op(Kernel.single(in -> Maps.unary(in.get(0), in.get(0).dtype(), f, g))));
    }

    private static void binary(OpRegistry r, String name, DoubleBinaryOperator f, LongBinaryOperator g) {
        r.add(name, 1, c -> {
            if (c.opset() < 7 && c.attrInt("broadcast", 0) != 0 && c.has("axis")) {
                int axis = c.attrIntExact("axis", 0);
                return c.op(Kernel.single(in -> Maps.binary(in.get(0), legacyBroadcast(in.get(0), in.get(1), axis),
                        in.get(0).dtype(), f, g)));
            }
            return c.op(Kernel.single(in -> {
                Maps.sameDType(name, in.get(0), in.get(1));
                return Maps.binary(in.get(0), in.get(1), in.get(0).dtype(), f, g);
            }));
        });
    }

    /** Opset < 7 broadcasting: b's dims align with a's starting at {@code axis}. */
    static Tensor legacyBroadcast(Tensor a, Tensor b, int axis) {
        int ax = axis < 0 ? axis + a.rank() : axis;
        Tensor out = b;
        int trailing = a.rank() - ax - b.rank();
        for (int i = 0; i < trailing; i++) out = out.unsqueeze(out.rank());
        return out;
    }

    private static void variadic(OpRegistry r, String name, DoubleBinaryOperator f, LongBinaryOperator g, boolean mean) {
        r.add(name, 1, c -> c.op(Kernel.single(in -> {
            List<Tensor> xs = in.stream().filter(java.util.Objects::nonNull).toList();
            Tensor acc = xs.getFirst();
            for (int i = 1; i < xs.size(); i++) acc = Maps.binary(acc, xs.get(i), acc.dtype(), f, g);
            if (xs.size() == 1) acc = acc.copy();
            if (mean) {
                double n = xs.size();
                acc = Maps.unary(acc, acc.dtype(), v -> v / n, v -> v / (long) n);
            }
            return acc;
        })));
    }

    /** erf(x) to about 1e-7 absolute (Abramowitz and Stegun 7.1.26 refined by a series near 0). */
    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        double r;
        if (ax < 0.5) {
            // Maclaurin series converges fast here.
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 30; n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        // Continued-fraction-free complementary error function (Numerical Recipes erfcc, ~1.2e-7 relative).
        double t = 1.0 / (1.0 + 0.5 * ax);
        double erfc = t * Math.exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        r = 1 - erfc;
        return x < 0 ? -r : r;
    }
}
