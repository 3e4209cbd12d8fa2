package dev.weft.tensor.kernel;

/**
 * One small single-precision matrix product, {@code C = alpha·A·B}, computed on the calling thread
 * straight from strided operands: no packing of A, no intra-op parallel region, and B is copied
 * only when its rows are not contiguous. For the products between activations in attention
 * (Q·Kᵀ, softmax·V per head), where packing for the blocked {@link Gemm} costs as much as the
 * product itself.
 *
 * <p>Operands are strided views over arrays: {@code A(i,p) = a[aOff + i·ars + p·acs]},
 * {@code B(p,j) = b[bOff + p·brs + j·bcs]}, {@code C(i,j) = c[cOff + i·ldc + j]}; C is overwritten
 * (its old contents, even NaN, are ignored). A may have any strides; B with {@code bcs != 1} (a
 * transposed view, say) is first copied row-major into a pooled scratch array.
 *
 * <p>The Vector API path ({@link VectorSupport}) holds a 4-row by two-vector tile of C in registers;
 * the scalar twin accumulates rows of C with plain loops. Both sum over p in order, so results
 * differ only by fused versus separate rounding.
 *
 * <p><b>Thread safety.</b> Stateless; concurrent calls are safe when they write distinct C. A
 * steady state allocates nothing (the scratch comes from {@link FloatScratch}).
 */
public final class SmallGemm {
    private SmallGemm() {}

    /** Products with at most this many multiply-adds ({@code m·n·k}) suit this kernel over {@link Gemm}. */
    public static final long MAX_WORK = 1L << 19;

    /** True when an {@code m×k} by {@code k×n} product is small enough for this kernel. */
    public static boolean suits(int m, int n, int k) { return (long) m * n * k <= MAX_WORK; }

    /** {@code C = alpha·A·B}; see the class documentation for the operand layout. */
    public static void multiply(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                                float[] b, int bOff, int brs, int bcs, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("small gemm sizes must not be negative: M=" + m + ", N=" + n + ", K=" + k);
        }
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        if (bcs == 1) {
            run(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, c, cOff, ldc);
            return;
        }
        float[] rows = FloatScratch.take(k * n);
        try {
            // Rows of the copy are written in order: strided reads from L1 cost less than strided stores.
            for (int p = 0; p < k; p++) {
                int src = bOff + p * brs, dst = p * n;
                for (int j = 0; j < n; j++) rows[dst + j] = b[src + j * bcs];
            }
            run(m, n, k, alpha, a, aOff, ars, acs, rows, 0, n, c, cOff, ldc);
        } finally {
            FloatScratch.give(rows);
        }
    }

    private static void run(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                            float[] b, int bOff, int brs, float[] c, int cOff, int ldc) {
        if (VectorSupport.enabled()) {
            VectorSmallGemm.multiply(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, c, cOff, ldc);
        } else {
            scalar(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, c, cOff, ldc, 0, 0);
        }
    }

    /**
     * The scalar twin, on rows {@code i0..m-1} and columns {@code j0..n-1} of C (the vector path
     * hands it its remainders): each row of C is a sum over p of B's rows scaled by A(i,p).
     */
    static void scalar(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                       float[] b, int bOff, int brs, float[] c, int cOff, int ldc, int i0, int j0) {
        for (int i = i0; i < m; i++) {
            int row = cOff + i * ldc;
            java.util.Arrays.fill(c, row + j0, row + n, 0f);
            for (int p = 0; p < k; p++) {
                float av = a[aOff + i * ars + p * acs];
                int bp = bOff + p * brs;
                for (int j = j0; j < n; j++) c[row + j] += av * b[bp + j];
            }
            if (alpha != 1f) for (int j = j0; j < n; j++) c[row + j] *= alpha;
        }
    }
}
