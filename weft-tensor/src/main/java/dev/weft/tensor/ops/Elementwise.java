package dev.weft.tensor.ops;

import dev.weft.tensor.Tensor;

/**
 * The original entry points for elementwise maps, kept for callers written against them; they
 * delegate to {@link Unary} and {@link Binary}, which hold the kernels and more ops.
 */
public final class Elementwise {
    private Elementwise() {}

    /** {@code op(x)} elementwise, in a new tensor of x's shape and dtype. */
    public static Tensor unary(UnaryOp op, Tensor x) { return Unary.apply(op, x); }

    /**
     * {@code op(a, b)} elementwise after broadcasting both to a common shape.
     *
     * @throws IllegalArgumentException when the dtypes differ or the shapes do not broadcast, naming both
     */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) { return Binary.apply(op, a, b); }
}
