package dev.weft.tensor.kernel;

/** Copies blocks of op(A) and op(B) into the panel layouts the micro-kernels read. */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs op(A)[i0..i0+mc)[p0..p0+kc) times alpha as panels of mr rows starting at {@code dst[dOff]}:
     * panel q holds, for each p, the mr values of rows q*mr.. (zeros past mc), so
     * {@code dst[dOff + q*kc*mr + p*mr + r]}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float alpha, int mr, float[] dst, int dOff) {
        MicroKernel kern = MicroKernel.current();
        for (int q = 0, ir = 0; ir < mc; q++, ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = dOff + q * kc * mr;
            if (!transA && alpha == 1f && rows == mr && kern.mr == mr) {
                kern.packAPanel(a, aOff + (i0 + ir) * lda + p0, lda, kc, dst, base);
            } else if (!transA) {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    int d = base + r;
                    if (alpha == 1f) {
                        for (int p = 0; p < kc; p++, d += mr) dst[d] = a[src + p];
                    } else {
                        for (int p = 0; p < kc; p++, d += mr) dst[d] = alpha * a[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) dst[d + r] = alpha * a[src + r];
                }
            }
            if (rows < mr) {
                for (int p = 0; p < kc; p++) {
                    for (int r = rows; r < mr; r++) dst[base + p * mr + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0..p0+kc)[j0..j0+nc) as panels of nr columns starting at {@code dst[dOff]}: panel q
     * holds, for each p, the nr values of columns q*nr.. (zeros past nc).
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] dst, int dOff) {
        MicroKernel kern = MicroKernel.current();
        for (int q = 0, jr = 0; jr < nc; q++, jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dOff + q * kc * nr;
            if (!transB && cols == nr && kern.nr == nr) {
                kern.packPanel(b, bOff + p0 * ldb + j0 + jr, ldb, kc, dst, base);
            } else if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * nr;
                    System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + jr, dst, d, cols);
                    for (int j = cols; j < nr; j++) dst[d + j] = 0f;
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    int d = base + j;
                    for (int p = 0; p < kc; p++, d += nr) dst[d] = b[src + p];
                }
                if (cols < nr) {
                    for (int p = 0; p < kc; p++) {
                        for (int j = cols; j < nr; j++) dst[base + p * nr + j] = 0f;
                    }
                }
            }
        }
    }
}
