package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** Argument checks shared by the op families; each failure is one line naming the op and the shapes. */
final class Args {
    private Args() {}

    static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operand dtypes differ: " + a.dtype() + a.shape()
                    + " and " + b.dtype() + b.shape());
        }
    }

    static Shape broadcast(String op, Shape a, Shape b) {
        try {
            return Shape.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    /** Checks a caller-supplied output tensor for an {@code into} variant. */
    static void output(String op, Tensor out, DType dtype, Shape shape) {
        if (out.dtype() != dtype || !out.shape().equals(shape)) {
            throw new IllegalArgumentException(op + ": the output must be " + dtype + shape + ", got "
                    + out.dtype() + out.shape());
        }
    }

    static void floating(String op, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(op + " needs a floating-point tensor, not " + t.dtype() + t.shape());
        }
    }

    static void rank(String op, Tensor t, int min) {
        if (t.rank() < min) {
            throw new IllegalArgumentException(op + " needs a tensor of rank >= " + min + ", got " + t.dtype() + t.shape());
        }
    }

    static void integerIndices(String op, Tensor indices) {
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException(op + ": indices must be int32 or int64, got "
                    + indices.dtype() + indices.shape());
        }
    }
}
