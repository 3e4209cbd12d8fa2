package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.Compare;
import dev.weft.tensor.ops.Logical;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;
import java.util.List;

/**
 * Arithmetic: unary math functions, binary arithmetic with broadcasting, variadic Sum/Mean/Max/Min, Clip.
 * Each op parses its attributes and opset differences (legacy broadcasting before opset 7, Clip's
 * bounds moving from attributes to inputs in opset 11) and calls {@link Unary}, {@link Binary} or
 * {@link Activations}.
 */
final class MathOps {
    private MathOps() {}

    static void register(OpRegistry r) {
        unary(r, "Abs", UnaryOp.ABS);
        unary(r, "Neg", UnaryOp.NEG);
        unary(r, "Exp", UnaryOp.EXP);
        unary(r, "Log", UnaryOp.LOG);
        unary(r, "Sqrt", UnaryOp.SQRT);
        unary(r, "Reciprocal", UnaryOp.RECIPROCAL);
        unary(r, "Sin", UnaryOp.SIN);
        unary(r, "Cos", UnaryOp.COS);
        unary(r, "Tan", UnaryOp.TAN);
        unary(r, "Asin", UnaryOp.ASIN);
        unary(r, "Acos", UnaryOp.ACOS);
        unary(r, "Atan", UnaryOp.ATAN);
        unary(r, "Sinh", UnaryOp.SINH);
        unary(r, "Cosh", UnaryOp.COSH);
        unary(r, "Asinh", UnaryOp.ASINH);
        unary(r, "Acosh", UnaryOp.ACOSH);
        unary(r, "Atanh", UnaryOp.ATANH);
        unary(r, "Ceil", UnaryOp.CEIL);
        unary(r, "Floor", UnaryOp.FLOOR);
        unary(r, "Round", UnaryOp.ROUND);
        unary(r, "Sign", UnaryOp.SIGN);
        unary(r, "Erf", UnaryOp.ERF);
        unary(r, "BitwiseNot", UnaryOp.BITWISE_NOT);
        r.add("Not", 1, c -> c.op(Kernel.single(in -> Logical.not(in.get(0)))));
        r.add("IsNaN", 9, c -> c.op(Kernel.single(in -> Compare.isNaN(in.get(0))), DTypeRule.fixed(DType.BOOL)));
        r.add("IsInf", 10, c -> {
            boolean neg = c.attrInt("detect_negative", 1) != 0, pos = c.attrInt("detect_positive", 1) != 0;
            return c.op(Kernel.single(in -> Compare.isInf(in.get(0), pos, neg)), DTypeRule.fixed(DType.BOOL));
        });

        binary(r, "Add", BinaryOp.ADD);
        binary(r, "Sub", BinaryOp.SUB);
        binary(r, "Mul", BinaryOp.MUL);
        binary(r, "Div", BinaryOp.DIV);
        binary(r, "BitwiseAnd", BinaryOp.BITWISE_AND);
        binary(r, "BitwiseOr", BinaryOp.BITWISE_OR);
        binary(r, "BitwiseXor", BinaryOp.BITWISE_XOR);
        r.add("Pow", 1, c -> c.op(Kernel.single(in -> Binary.pow(in.get(0), in.get(1)))));
        r.add("Mod", 10, c -> {
            boolean fmod = c.attrInt("fmod", 0) != 0;
            return c.op(Kernel.single(in -> Binary.mod(in.get(0), in.get(1), fmod)));
        });
        r.add("BitShift", 11, c -> {
            boolean left = c.attrString("direction", "").equals("LEFT");
            return c.op(Kernel.single(in -> Binary.bitShift(in.get(0), in.get(1), left)));
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
            return Activations.prelu(x, slope);
        })));

        r.add("Sum", 1, c -> c.op(Kernel.single(in -> Binary.sum(present(in)))));
        r.add("Mean", 1, c -> c.op(Kernel.single(in -> Binary.mean(present(in)))));
        r.add("Max", 1, c -> c.op(Kernel.single(in -> Binary.max(present(in)))));
        r.add("Min", 1, c -> c.op(Kernel.single(in -> Binary.min(present(in)))));

        r.add("Clip", 1, c -> {
            double lo = c.attrFloat("min", Float.NEGATIVE_INFINITY), hi = c.attrFloat("max", Float.POSITIVE_INFINITY);
            return c.op(Kernel.single(in -> Activations.clip(in.get(0), lo, hi)));
        });
        r.add("Clip", 11, c -> c.op(Kernel.single(in -> Activations.clip(in.get(0),
                in.size() > 1 ? in.get(1) : null, in.size() > 2 ? in.get(2) : null))));
    }

    private static Tensor[] present(List<Tensor> in) {
        return in.stream().filter(java.util.Objects::nonNull).toArray(Tensor[]::new);
    }

    private static void unary(OpRegistry r, String name, UnaryOp op) {
        r.add(name, 1, c -> c.op(Kernel.single(in -> Unary.apply(op, in.get(0)))));
    }

    private static void binary(OpRegistry r, String name, BinaryOp op) {
        r.add(name, 1, c -> {
            if (c.opset() < 7 && c.attrInt("broadcast", 0) != 0 && c.has("axis")) {
                int axis = c.attrIntExact("axis", 0);
                return c.op(Kernel.single(in -> Binary.apply(op, in.get(0), legacyBroadcast(in.get(0), in.get(1), axis))));
            }
            return c.op(Kernel.single(in -> Binary.apply(op, in.get(0), in.get(1))));
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
}
