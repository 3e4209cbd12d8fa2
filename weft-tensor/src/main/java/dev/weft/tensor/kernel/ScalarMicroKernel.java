package dev.weft.tensor.kernel;

/** The plain-Java micro-kernel: correct everywhere, used when the Vector API is absent or disabled. */
final class ScalarMicroKernel extends MicroKernel {
    /** Same geometry as the AVX-512 kernel, so prepacked B made by either runs on both. */
    static final ScalarMicroKernel DEFAULT = new ScalarMicroKernel(6, 32);

    ScalarMicroKernel(int mr, int nr) {
        super(mr, nr);
    }

    @Override
    void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int r = 0; r < mr; r++) {
            int row = cOff + r * ldc;
            if (!accumulate) {
                for (int j = 0; j < nr; j++) c[row + j] = 0f;
            }
            int ap = aOff + r;
            int bp = bOff;
            for (int p = 0; p < kc; p++, ap += mr, bp += nr) {
                float av = a[ap];
                for (int j = 0; j < nr; j++) c[row + j] += av * b[bp + j];
            }
        }
    }

    @Override
    void tileDirect(int kc, float[] a, int aOff, int lda, float[] b, int[] rows, int rowsOff, int col,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        for (int r = 0; r < mr; r++) {
            int row = cOff + r * ldc;
            if (!accumulate) {
                for (int j = 0; j < nr; j++) c[row + j] = 0f;
            }
            int ar = aOff + r * lda;
            for (int p = 0; p < kc; p++) {
                float av = a[ar + p];
                int bp = rows[rowsOff + p] + col;
                for (int j = 0; j < nr; j++) c[row + j] += av * b[bp + j];
            }
        }
    }

    @Override
    void packRows(float[] b, int[] rows, int rowsOff, int col, int kc, float[] dst, int dstOff) {
        for (int p = 0; p < kc; p++) System.arraycopy(b, rows[rowsOff + p] + col, dst, dstOff + p * nr, nr);
    }
}
