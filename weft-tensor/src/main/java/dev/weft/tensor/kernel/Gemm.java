package dev.weft.tensor.kernel;

/**
 * Single-precision general matrix multiply, BLAS style, on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(X)} is X or its transpose.
 *
 * <p>op(A) is M×K, op(B) is K×N, C is M×N. {@code lda}, {@code ldb}, {@code ldc} are the row
 * strides of A, B and C as stored. When {@code beta} is 0, C is overwritten and its old
 * contents (even NaN) are ignored.
 *
 * <p>The implementation is the classic Goto/BLIS scheme: B is packed into {@code kc × nr} panels,
 * A into {@code mc × kc} blocks of {@code mr}-row panels, and a register-tiled micro-kernel
 * (Vector API FMA, {@link VectorSupport}) computes {@code mr × nr} tiles. Large products are split
 * into blocks of C run on the intra-op pool ({@link dev.weft.tensor.parallel.IntraOp}). Packing
 * buffers come from a process-wide pool, so a steady state allocates nothing.
 *
 * <p>When B is a constant (a layer's weights), {@link #packB} packs it once and
 * {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)} reuses it.
 *
 * <p><b>Thread safety.</b> Stateless; concurrent calls are safe as long as they write distinct C.
 * Arguments are checked cheaply (sizes, strides, array bounds) and refused with an
 * {@link IllegalArgumentException}; no check reads the data.
 */
public final class Gemm {
    private Gemm() {}

    /** {@code C = alpha * op(A) * op(B) + beta * C}; see the class documentation. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(MicroKernel.current(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    static void sgemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
        GemmDriver.run(kernel, transA, m, n, k, alpha, a, aOff, lda, BSource.matrix(transB, b, bOff, ldb), null, beta, c, cOff, ldc);
    }

    /**
     * Packs op(B) (K×N) once for repeated products with
     * {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)}.
     * The result does not refer to {@code b}.
     */
    public static PackedB packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        checkDims(1, n, k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        return PackedB.pack(MicroKernel.current().nr, transB, k, n, b, bOff, ldb);
    }

    /** {@code C = alpha * op(A) * B + beta * C} with B prepacked by {@link #packB}; N and K come from it. */
    public static void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda,
                             PackedB b, float beta, float[] c, int cOff, int ldc) {
        MicroKernel kernel = MicroKernel.current();
        if (kernel.nr != b.nr()) kernel = MicroKernel.scalar(ScalarMicroKernel.DEFAULT.mr, b.nr());
        sgemm(kernel, transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    static void sgemm(MicroKernel kernel, boolean transA, int m, float alpha, float[] a, int aOff, int lda,
                      PackedB b, float beta, float[] c, int cOff, int ldc) {
        int n = b.n(), k = b.k();
        checkDims(m, n, k);
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("C", c, cOff, ldc, m, n);
        GemmDriver.run(kernel, transA, m, n, k, alpha, a, aOff, lda, null, b, beta, c, cOff, ldc);
    }

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm sizes must not be negative: M=" + m + ", N=" + n + ", K=" + k);
        }
    }

    /** A stored rows×cols matrix with row stride ld must fit in the array from off on. */
    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) return;
        if (x == null) throw new IllegalArgumentException("sgemm: matrix " + name + " is null");
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + " but its stored rows have " + cols + " columns");
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: matrix " + name + " (" + rows + "×" + cols + ", offset " + off
                    + ", leading dimension " + ld + ") needs " + last + " elements but its array has " + x.length);
        }
    }
}
