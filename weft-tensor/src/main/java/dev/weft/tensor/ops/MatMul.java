package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Gemm;

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

    /** {@code a @ b}; float32 runs on the GEMM kernel, other floating types on a double loop. */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul operand dtypes differ: " + a.dtype() + a.shape()
                    + " and " + b.dtype() + b.shape());
        }
        Shape outShape = resultShape(a.shape(), b.shape());
        // Promote vectors to matrices, broadcast batches, then multiply each matrix pair.
        Tensor a3 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = b.rank() == 1 ? b.unsqueeze(1) : b;
        int m = a3.shape().dim(-2), k = a3.shape().dim(-1), n = b3.shape().dim(-1);
        int[] batchDims = java.util.Arrays.copyOf(outShape.dims(), Math.max(0, Math.max(a3.rank(), b3.rank()) - 2));
        int batch = Shape.of(batchDims).size();
        Tensor ae = a3.expand(Shape.of(concat(batchDims, m, k))).contiguous();
        Tensor be = b3.expand(Shape.of(concat(batchDims, k, n))).contiguous();
        Tensor out = Tensor.zeros(a.dtype(), Shape.of(concat(batchDims, m, n)));
        for (int bi = 0; bi < batch; bi++) {
            if (a.dtype() == DType.FLOAT32) {
                Gemm.sgemm(false, false, m, n, k, 1f, ae.floatData(), bi * m * k, k,
                        be.floatData(), bi * k * n, n, 0f, out.floatData(), bi * m * n, n);
            } else {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += ae.getDouble(bi * m * k + i * k + p) * be.getDouble(bi * k * n + p * n + j);
                        }
                        out.setDouble(bi * m * n + i * n + j, s);
                    }
                }
            }
        }
        return out.reshape(outShape);
    }

    private static int[] concat(int[] head, int x, int y) {
        int[] out = java.util.Arrays.copyOf(head, head.length + 2);
        out[head.length] = x;
        out[head.length + 1] = y;
        return out;
    }
}
