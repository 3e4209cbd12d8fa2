package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * Index arithmetic shared by the kernels: storage positions of a strided view in row-major order,
 * and reading small integer tensors (shapes, axes) into Java arrays.
 */
final class Indexing {
    private Indexing() {}

    /** Storage position of each element of {@code t}, in row-major element order. */
    static int[] positions(Tensor t) {
        int n = t.size();
        int[] out = new int[n];
        if (n == 0) return out;
        if (t.isContiguous()) {
            int off = t.offset();
            for (int i = 0; i < n; i++) out[i] = off + i;
            return out;
        }
        int rank = t.rank();
        int[] dims = t.shape().dims();
        int[] strides = t.strides();
        int[] idx = new int[rank];
        int pos = t.offset();
        for (int i = 0; i < n; i++) {
            out[i] = pos;
            for (int ax = rank - 1; ax >= 0; ax--) {
                if (++idx[ax] < dims[ax]) {
                    pos += strides[ax];
                    break;
                }
                pos -= (idx[ax] - 1) * strides[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    /** The elements of an integer tensor as longs. */
    static long[] longs(Tensor t) {
        if (t == null) return null;
        return t.toLongArray();
    }

    /** The elements of an integer tensor as ints (values must fit). */
    static int[] ints(Tensor t) {
        if (t == null) return null;
        long[] v = t.toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
        return out;
    }

    /** A 1-D int64 tensor. */
    static Tensor int64(long... values) { return Tensor.of(values.clone(), values.length); }

    /** Normalizes a possibly negative axis for a rank, or throws naming both. */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    /** Row-major strides of a shape. */
    static int[] strides(int[] dims) { return Shape.of(dims).contiguousStrides(); }

    /** A contiguous copy in a fresh array (never shares storage with the argument). */
    static Tensor fresh(Tensor t) { return t.copy(); }

    /** True for float32 tensors, which get fast paths. */
    static boolean isF32(Tensor t) { return t.dtype() == DType.FLOAT32; }

    /** Copies element {@code sp[i]} of src's storage to position {@code dp[i]} of dst's; same storage kind. */
    static void copy(Tensor src, int[] sp, Tensor dst, int[] dp) {
        Object s = src.data(), d = dst.data();
        int n = sp.length;
        switch (src.dtype().storage()) {
            case FLOAT -> { float[] a = (float[]) s, b = (float[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
            case DOUBLE -> { double[] a = (double[]) s, b = (double[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
            case LONG -> { long[] a = (long[]) s, b = (long[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
            case INT -> { int[] a = (int[]) s, b = (int[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
            case SHORT -> { short[] a = (short[]) s, b = (short[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
            case BYTE -> { byte[] a = (byte[]) s, b = (byte[]) d; for (int i = 0; i < n; i++) b[dp[i]] = a[sp[i]]; }
        }
    }

    /** Receives each multi-index of an odometer walk with its row-major flat index. */
    @FunctionalInterface
    interface IndexVisitor {
        void visit(int flat, int[] index);
    }

    /** Visits every multi-index of {@code dims} in row-major order (the array is reused between calls). */
    static void forEach(int[] dims, IndexVisitor v) {
        int n = 1;
        for (int d : dims) n *= d;
        int[] idx = new int[dims.length];
        for (int i = 0; i < n; i++) {
            v.visit(i, idx);
            for (int ax = dims.length - 1; ax >= 0; ax--) {
                if (++idx[ax] < dims[ax]) break;
                idx[ax] = 0;
            }
        }
    }

    /**
     * A new tensor of shape {@code dims} whose element at each index is src's element at the flat
     * index {@code map} returns (-1 for "fill with {@code fill}").
     */
    static Tensor gatherBy(Tensor src, int[] dims, java.util.function.ToIntFunction<int[]> map, double fill) {
        Tensor out = Tensor.zeros(src.dtype(), Shape.of(dims));
        int[] sp = positions(src);
        int n = out.size();
        int[] from = new int[n];
        int[] to = new int[n];
        int[] count = {0};
        forEach(dims, (flat, idx) -> {
            int s = map.applyAsInt(idx);
            if (s >= 0) {
                from[count[0]] = sp[s];
                to[count[0]++] = flat;
            } else if (fill != 0) {
                out.setDouble(flat, fill);
            }
        });
        copy(src, java.util.Arrays.copyOf(from, count[0]), out, java.util.Arrays.copyOf(to, count[0]));
        return out;
    }
}
