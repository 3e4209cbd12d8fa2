package dev.weft.graph;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The static type of a value in a graph: a dtype and dimensions that may be partly unknown.
 *
 * <p>{@code dims == null} means the rank is unknown; a dimension of {@code -1} is unknown
 * (ONNX's symbolic dimensions such as a batch size). Ops propagate what they can, and machines
 * check the concrete parts against the tensors they are fed.
 */
public record TensorType(DType dtype, int[] dims) {
    public TensorType {
        Objects.requireNonNull(dtype, "dtype");
        if (dims != null) {
            dims = dims.clone();
            for (int d : dims) {
                if (d < -1) throw new IllegalArgumentException("dimension " + d + " in " + Arrays.toString(dims)
                        + " is invalid: dimensions are >= 0, or -1 when unknown");
            }
        }
    }

    /** The type of a tensor with a fully known shape. */
    public static TensorType of(DType dtype, Shape shape) { return new TensorType(dtype, shape.dims()); }

    /** The type of a tensor with known dimensions. */
    public static TensorType of(DType dtype, int... dims) { return new TensorType(dtype, dims); }

    /** The type of a tensor whose rank is not known. */
    public static TensorType unknownRank(DType dtype) { return new TensorType(dtype, null); }

    /** The exact type of {@code t}. */
    public static TensorType of(Tensor t) { return of(t.dtype(), t.shape()); }

    @Override
    public int[] dims() { return dims == null ? null : dims.clone(); }

    public boolean hasRank() { return dims != null; }

    /** The rank; fails when it is unknown. */
    public int rank() {
        if (dims == null) throw new IllegalStateException("the rank of " + this + " is unknown");
        return dims.length;
    }

    /** Dimension {@code axis} (negative counts from the end), -1 when unknown. */
    public int dim(int axis) {
        int r = rank();
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) throw new IllegalArgumentException("axis " + axis + " is out of range for " + this);
        return dims[a];
    }

    /** True when the rank and every dimension are known. */
    public boolean isConcrete() {
        if (dims == null) return false;
        for (int d : dims) if (d < 0) return false;
        return true;
    }

    /** The shape, when {@link #isConcrete()}. */
    public Shape shape() {
        if (!isConcrete()) throw new IllegalStateException("the shape of " + this + " is not fully known");
        return Shape.of(dims);
    }

    /** True when {@code t} has this dtype and matches every known dimension. */
    public boolean accepts(Tensor t) {
        if (t.dtype() != dtype) return false;
        if (dims == null) return true;
        if (t.rank() != dims.length) return false;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && dims[i] != t.shape().dim(i)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorType t && t.dtype == dtype && Arrays.equals(t.dims, dims);
    }

    @Override
    public int hashCode() { return 31 * dtype.hashCode() + Arrays.hashCode(dims); }

    /** Written as {@code float32[2, ?]}, or {@code float32[*]} for an unknown rank. */
    @Override
    public String toString() {
        if (dims == null) return dtype + "[*]";
        StringBuilder sb = new StringBuilder().append(dtype).append('[');
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims[i] < 0 ? "?" : String.valueOf(dims[i]));
        }
        return sb.append(']').toString();
    }
}
