package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** Elementwise maps: {@link UnaryOp unary} and {@link BinaryOp binary} with NumPy broadcasting. */
public final class Elementwise {
    private Elementwise() {}

    /** {@code op(x)} elementwise, in a new tensor of x's shape and dtype. */
    public static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        for (int i = 0; i < x.size(); i++) out.setDouble(i, op.apply(x.getDouble(i)));
        return out;
    }

    /**
     * {@code op(a, b)} elementwise after broadcasting both to a common shape.
     *
     * @throws IllegalArgumentException when the dtypes differ or the shapes do not broadcast, naming both
     */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operand dtypes differ: " + a.dtype() + a.shape()
                    + " and " + b.dtype() + b.shape());
        }
        Shape shape = Shape.broadcast(a.shape(), b.shape());
        Tensor ea = a.expand(shape);
        Tensor eb = b.expand(shape);
        Tensor out = Tensor.zeros(a.dtype(), shape);
        boolean integer = !a.dtype().isFloating();
        for (int i = 0; i < out.size(); i++) {
            if (integer && op != BinaryOp.POW && op != BinaryOp.DIV) {
                out.setLong(i, integerApply(op, ea.getLong(i), eb.getLong(i)));
            } else {
                out.setDouble(i, op.apply(ea.getDouble(i), eb.getDouble(i)));
            }
        }
        return out;
    }

    private static long integerApply(BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case DIV, POW -> throw new AssertionError(op);
        };
    }

    /** Checks that a dtype is floating point, naming the operation that needs it. */
    static void requireFloating(String what, Tensor t) {
        if (!t.dtype().isFloating() || t.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(what + " needs a floating-point tensor, not " + t.dtype() + t.shape());
        }
    }
}
