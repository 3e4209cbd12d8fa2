package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Gemm;
import dev.weft.tensor.kernel.SmallGemm;

/** NumPy {@code matmul}: matrix products over the last two axes, broadcasting the leading ones. */
public final class MatMul {
    private MatMul() {}

    /** The result shape of {@code a @ b}, or an exception naming both shapes. */
    public static Shape resultShape(Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs tensors of rank >= 1, got " + a + " and " + b);
        }
        int k = a.dim(-1);
        int kb = b.rank() == 1 ? b.dim(0) : b.dim(-2);
        if (k != kb) {
            throw new IllegalArgumentException("matmul of " + a + " and " + b + ": inner dimensions " + k
                    + " and " + kb + " differ");
        }
        Shape batchA = a.rank() > 2 ? Shape.of(java.util.Arrays.copyOf(a.dims(), a.rank() - 2)) : Shape.scalar();
        Shape batchB = b.rank() > 2 ? Shape.of(java.util.Arrays.copyOf(b.dims(), b.rank() - 2)) : Shape.scalar();
        int[] batch = Shape.broadcast(batchA, batchB).dims();
        int extra = (a.rank() > 1 ? 1 : 0) + (b.rank() > 1 ? 1 : 0);
        int[] dims = java.util.Arrays.copyOf(batch, batch.length + extra);
        int at = batch.length;
        if (a.rank() > 1) dims[at++] = a.dim(-2);
        if (b.rank() > 1) dims[at] = b.dim(-1);
        return Shape.of(dims);
    }

    /**
     * {@code a @ b}; float32 runs on the GEMM kernel (small products, such as attention's per-head
     * products, on {@link SmallGemm} straight from strided views), other floating types on a double
     * loop, integer types on an exact (wrapping) long loop.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul operand dtypes differ: " + a.dtype() + a.shape()
                    + " and " + b.dtype() + b.shape());
        }
        if (a.dtype() == DType.FLOAT32 && a.rank() >= 2 && b.rank() >= 2
                && SmallGemm.suits(a.shape().dim(-2), b.shape().dim(-1), a.shape().dim(-1))) {
            Tensor out = Tensor.uninitialized(DType.FLOAT32, resultShape(a.shape(), b.shape()));
            smallProducts(Strided.of(a), Strided.of(b), 1f, Strided.of(out));
            return out;
        }
        Batched ops = Batched.of(a, b);
        Shape outShape = ops.outShape();
        int m = ops.m(), k = ops.k(), n = ops.n(), batch = ops.batch();
        Tensor ae = ops.a(), be = ops.b();
        Tensor out = Tensor.uninitialized(a.dtype(), ops.batchedOut());
        boolean wide = a.dtype().isFloating() && a.dtype() != DType.FLOAT32;
        double[] x = wide ? ae.toDoubleArray() : null, y = wide ? be.toDoubleArray() : null;
        for (int bi = 0; bi < batch; bi++) {
            if (a.dtype() == DType.FLOAT32) {
                Gemm.sgemm(false, false, m, n, k, 1f, ae.floatData(), bi * m * k, k,
                        be.floatData(), bi * k * n, n, 0f, out.floatData(), bi * m * n, n);
            } else if (a.dtype().isFloating()) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) s += x[bi * m * k + i * k + p] * y[bi * k * n + p * n + j];
                        out.writeDouble(bi * m * n + i * n + j, s);
                    }
                }
            } else {
                integerBlock(ae, be, out, bi, m, n, k, 0, 0);
            }
        }
        return out.reshape(outShape);
    }

    /**
     * A float32 operand described by its strides: element {@code (i0, ..., ik)} is at
     * {@code data[offset + i0·strides[0] + ... + ik·strides[k]]}. It can say views a tensor cannot
     * (a reshape of a sliced view, say), so that a chain of Slice, Reshape and Transpose before a
     * product costs no copy. The arrays are not copied; callers must not change them.
     */
    public record Strided(float[] data, int offset, int[] dims, int[] strides) {
        /** The view a float32 tensor already is. */
        public static Strided of(Tensor t) {
            if (t.dtype() != DType.FLOAT32) throw new IllegalArgumentException("a strided operand must be float32, not " + t.dtype());
            return new Strided(t.floatData(), t.offset(), t.shape().dims(), t.strides());
        }

        /** Axis i of the result is axis {@code perm[i]} of this one; perm must be a permutation of the axes. */
        public Strided permuted(int[] perm) {
            int[] d = new int[perm.length], st = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                d[i] = dims[perm[i]];
                st[i] = strides[perm[i]];
            }
            return new Strided(data, offset, d, st);
        }

        /**
         * The same elements in row-major order with dimensions {@code to} (of equal total size; the
         * result keeps the array), as strides over the same data, or null when no strides can say
         * it (a copy is needed).
         * Groups of old axes whose sizes multiply to a group of new axes must be laid out as one
         * strided run; axes of size 1 do not count.
         */
        public Strided reshaped(int[] to) {
            int n = 1, size = 1;
            for (int d : to) n *= d;
            for (int d : dims) size *= d;
            if (n != size) return null;
            int[] ns = new int[to.length];
            if (n == 0) return new Strided(data, offset, to, ns);
            // Walk groups of old axes (size-1 ones skipped) and new axes with equal products.
            int oi = next(0), ni = 0;
            while (ni < to.length && oi < dims.length) {
                int nj = ni + 1, last = oi;
                long np = to[ni], op = dims[oi];
                while (np != op) {
                    if (np < op) {
                        np *= to[nj++];
                    } else {
                        int o = next(last + 1);
                        if (strides[last] != strides[o] * dims[o]) return null; // the group is not one strided run
                        op *= dims[o];
                        last = o;
                    }
                }
                ns[nj - 1] = strides[last];
                for (int k = nj - 1; k > ni; k--) ns[k - 1] = ns[k] * to[k];
                ni = nj;
                oi = next(last + 1);
            }
            return new Strided(data, offset, to, ns); // trailing new axes of size 1 keep stride 0
        }

        /** The first axis from {@code i} on whose size is not 1 (the rank when none). */
        private int next(int i) {
            while (i < dims.length && dims[i] == 1) i++;
            return i;
        }

        int rank() { return dims.length; }

        int dim(int i) { return dims[i < 0 ? i + dims.length : i]; }

        int stride(int i) { return strides[i < 0 ? i + strides.length : i]; }
    }

    /**
     * {@code alpha · (a @ b)} for float32 operands, written into {@code out}: a view of the result
     * shape ({@link #resultShape}) whose last axis has stride 1, such as a transposed view of a
     * new tensor, so that a Transpose after the product costs nothing. Small products run on
     * {@link SmallGemm} straight from the operands' strides; others are computed, scaled and
     * copied into out. Returns out.
     */
    public static Tensor matmulInto(Tensor a, Tensor b, float alpha, Tensor out) {
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32 || out.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("matmulInto needs float32 tensors, got " + a.dtype() + a.shape() + ", "
                    + b.dtype() + b.shape() + " into " + out.dtype() + out.shape());
        }
        Shape expected = resultShape(a.shape(), b.shape());
        if (!expected.equals(out.shape()) || (out.rank() > 0 && out.stride(-1) != 1 && out.shape().dim(-1) > 1)) {
            throw new IllegalArgumentException("matmulInto: the product of " + a.shape() + " and " + b.shape()
                    + " has shape " + expected + ", not " + out.shape() + " with a unit last stride");
        }
        if (a.rank() >= 2 && b.rank() >= 2 && SmallGemm.suits(a.shape().dim(-2), b.shape().dim(-1), a.shape().dim(-1))) {
            smallProducts(Strided.of(a), Strided.of(b), alpha, Strided.of(out));
            return out;
        }
        Tensor y = matmul(a, b);
        if (alpha != 1f) y = Binary.mul(y, Tensor.scalar(alpha));
        return out.copyFrom(y);
    }

    /**
     * {@code out = alpha · (a @ b)} on strided operands of rank ≥ 2 whose products
     * {@link SmallGemm#suits}; the batch axes broadcast as in NumPy and out must have the
     * product's dimensions and a unit last stride (all checked, without allocating).
     */
    public static void multiplyStrided(Strided a, Strided b, float alpha, Strided out) {
        int ra = a.rank(), rb = b.rank(), r = out.rank();
        boolean ok = ra >= 2 && rb >= 2 && r == Math.max(ra, rb) && a.dim(-1) == b.dim(-2) && out.dim(-2) == a.dim(-2)
                && out.dim(-1) == b.dim(-1) && (out.stride(-1) == 1 || out.dim(-1) <= 1)
                && SmallGemm.suits(a.dim(-2), b.dim(-1), a.dim(-1));
        for (int d = 0; ok && d < r - 2; d++) {
            int da = d - (r - ra), db = d - (r - rb);
            int x = da >= 0 ? a.dim(da) : 1, y = db >= 0 ? b.dim(db) : 1;
            ok = (x == y || x == 1 || y == 1) && out.dim(d) == (x == 1 ? y : x);
        }
        if (!ok) {
            throw new IllegalArgumentException("multiplyStrided: cannot multiply " + java.util.Arrays.toString(a.dims()) + " by "
                    + java.util.Arrays.toString(b.dims()) + " into " + java.util.Arrays.toString(out.dims())
                    + " (ranks >= 2, a small product, numpy batch broadcasting, unit last stride of the output)");
        }
        smallProducts(a, b, alpha, out);
    }

    /**
     * {@code out = alpha · (a @ b)} for float32 operands of rank ≥ 2 whose products
     * {@link SmallGemm#suits}, read through their strides: transposed, sliced and broadcast
     * (stride-0) views are multiplied in place, with no contiguous copy, and out may be a view
     * with a unit last stride. The batch axes broadcast as in NumPy; out has the result shape.
     */
    private static void smallProducts(Strided a, Strided b, float alpha, Strided out) {
        int ra = a.rank(), rb = b.rank(), r = out.rank();
        int m = a.dim(-2), k = a.dim(-1), n = b.dim(-1);
        int batches = 1;
        for (int d = 0; d < r - 2; d++) batches *= out.dim(d);
        if (batches == 0 || m == 0 || n == 0) return;
        float[] ad = a.data(), bd = b.data(), od = out.data();
        int ars = a.stride(-2), acs = a.stride(-1), brs = b.stride(-2), bcs = b.stride(-1), ldc = out.stride(-2);
        int batchRank = r - 2;
        if (batchRank == 0) {
            SmallGemm.multiply(m, n, k, alpha, ad, a.offset(), ars, acs, bd, b.offset(), brs, bcs, od, out.offset(), ldc);
            return;
        }
        if (batchRank == 1) {
            // The common case (heads of attention, or one batch axis): no index arithmetic per product.
            int sa = ra == 3 ? batchStride(a, 0) : 0, sb = rb == 3 ? batchStride(b, 0) : 0, so = out.stride(0);
            for (int bi = 0; bi < batches; bi++) {
                SmallGemm.multiply(m, n, k, alpha, ad, a.offset() + bi * sa, ars, acs, bd, b.offset() + bi * sb, brs, bcs,
                        od, out.offset() + bi * so, ldc);
            }
            return;
        }
        int[] index = new int[batchRank];
        for (int bi = 0; bi < batches; bi++) {
            int ao = a.offset(), bo = b.offset(), oo = out.offset();
            for (int d = 0; d < batchRank; d++) {
                int da = d - (batchRank - (ra - 2)), db = d - (batchRank - (rb - 2));
                if (da >= 0 && a.dim(da) != 1) ao += index[d] * a.stride(da);
                if (db >= 0 && b.dim(db) != 1) bo += index[d] * b.stride(db);
                oo += index[d] * out.stride(d);
            }
            SmallGemm.multiply(m, n, k, alpha, ad, ao, ars, acs, bd, bo, brs, bcs, od, oo, ldc);
            for (int d = batchRank - 1; d >= 0 && ++index[d] == out.dim(d); d--) index[d] = 0;
        }
    }

    /** The stride of a batch axis, 0 when it has size 1 (it broadcasts). */
    private static int batchStride(Strided t, int axis) { return t.dim(axis) == 1 ? 0 : t.stride(axis); }

    /** One batch of an exact integer product, subtracting zero points first (0 for plain MatMul). */
    private static void integerBlock(Tensor ae, Tensor be, Tensor out, int bi, int m, int n, int k, long za, long zb) {
        int ao = ae.offset() + bi * m * k, bo = be.offset() + bi * k * n;
        long[] row = new long[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0);
            for (int p = 0; p < k; p++) {
                long av = ae.readLong(ao + i * k + p) - za;
                if (av == 0) continue;
                for (int j = 0; j < n; j++) row[j] += av * (be.readLong(bo + p * n + j) - zb);
            }
            for (int j = 0; j < n; j++) out.writeLong(bi * m * n + i * n + j, row[j]);
        }
    }

    /**
     * ONNX MatMulInteger: int8/uint8 operands, scalar zero points (null for 0), an exact int32
     * result of {@code (a - aZero) @ (b - bZero)}. Per-row/column zero points are not supported.
     */
    public static Tensor matmulInteger(Tensor a, Tensor b, Tensor aZeroPoint, Tensor bZeroPoint) {
        for (Tensor t : new Tensor[] {a, b}) {
            if (t.dtype() != DType.INT8 && t.dtype() != DType.UINT8) {
                throw new IllegalArgumentException("MatMulInteger needs int8 or uint8 operands, got " + a.dtype() + a.shape()
                        + " and " + b.dtype() + b.shape());
            }
        }
        long za = zeroPoint("a", aZeroPoint), zb = zeroPoint("b", bZeroPoint);
        Batched p = Batched.of(a, b);
        Tensor out = Tensor.zeros(DType.INT32, p.batchedOut());
        for (int bi = 0; bi < p.batch(); bi++) integerBlock(p.a(), p.b(), out, bi, p.m(), p.n(), p.k(), za, zb);
        return out.reshape(p.outShape());
    }

    private static long zeroPoint(String which, Tensor z) {
        if (z == null) return 0;
        if (z.size() != 1) {
            throw new IllegalArgumentException("MatMulInteger: only a scalar zero point is supported for " + which + ", got " + z.shape());
        }
        return z.getLong(0);
    }

    private static int[] concat(int[] head, int x, int y) {
        int[] out = java.util.Arrays.copyOf(head, head.length + 2);
        out[head.length] = x;
        out[head.length + 1] = y;
        return out;
    }

    /**
     * Operands prepared for a batch of matrix products: vectors promoted to matrices, leading axes
     * broadcast, both made contiguous as [batch..., m, k] and [batch..., k, n].
     */
    private record Batched(Tensor a, Tensor b, int m, int k, int n, int batch, int[] batchDims, Shape outShape) {
        static Batched of(Tensor a, Tensor b) {
            Shape outShape = resultShape(a.shape(), b.shape());
            Tensor a3 = a.rank() == 1 ? a.unsqueeze(0) : a;
            Tensor b3 = b.rank() == 1 ? b.unsqueeze(1) : b;
            int m = a3.shape().dim(-2), k = a3.shape().dim(-1), n = b3.shape().dim(-1);
            int[] batchDims = java.util.Arrays.copyOf(outShape.dims(), Math.max(0, Math.max(a3.rank(), b3.rank()) - 2));
            Tensor ae = a3.expand(Shape.of(concat(batchDims, m, k))).contiguous();
            Tensor be = b3.expand(Shape.of(concat(batchDims, k, n))).contiguous();
            return new Batched(ae, be, m, k, n, Shape.of(batchDims).size(), batchDims, outShape);
        }

        /** The shape of the products before the promoted axes are dropped again. */
        Shape batchedOut() { return Shape.of(concat(batchDims, m, n)); }
    }
}
