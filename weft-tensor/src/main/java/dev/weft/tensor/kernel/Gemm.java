package dev.weft.tensor.kernel;

/**
 * Single-precision general matrix multiply, BLAS style, on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(X)} is X or its transpose.
 *
 * <p>op(A) is M×K, op(B) is K×N, C is M×N. {@code lda}, {@code ldb}, {@code ldc} are the row
 * strides of A, B and C as stored. When {@code beta} is 0, C is overwritten and its old
 * contents (even NaN) are ignored.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[cRow + j] = beta == 0 ? 0f : beta * c[cRow + j];
            for (int p = 0; p < k; p++) {
                float av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (av == 0) continue;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += av * (transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                }
            }
        }
    }
}
