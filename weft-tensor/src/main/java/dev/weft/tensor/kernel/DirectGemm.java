package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * GEMM that reads A in place: {@code C[M × N] = A[M × K] · B} where A is row-major (stride lda) and row p
 * of B starts at {@code b[rows[p]]} and is contiguous. This is how direct convolution reads a
 * (phase-split, padded) image: every tap is a shifted view of it, so nothing is copied per tap.
 *
 * <p>The caller guarantees that reading {@code nr} floats from {@code rows[p] + j} is in bounds for
 * every column block start j &lt; N (a slack of nr floats after the image); columns past N are
 * computed into a scratch tile and dropped. Loop order: K blocks, then B column panels (copied
 * contiguous, held in L1), then A row panels read in place (A is reused by every column panel, so
 * packing it would not pay when N is small). Split across the intra-op pool by columns or rows.
 */
final class DirectGemm {
    private DirectGemm() {}

    static void run(MicroKernel kern, int m, int n, int k, float[] a, int aOff, int lda,
                    float[] b, int[] rows, float[] c, int cOff, int ldc, RowEpilogue ep) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            if (ep != null) ep.apply(kern, c, cOff, ldc, 0, m, n);
            return;
        }
        int mr = kern.mr, nr = kern.nr;
        int mPanels = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;
        long work = (long) m * n * k;
        int threads = IntraOp.threads();
        int tasks = threads <= 1 || work < (1L << 21) ? 1 : 2 * threads;
        int tn = Math.max(1, Math.min(tasks, nPanels / 2));
        int tm = Math.max(1, Math.min((tasks + tn - 1) / tn, mPanels));
        final int tnF = tn, tmF = tm;
        IntraOp.parallelFor(tn * tm, work, t -> {
            int ti = t / tnF, tj = t % tnF;
            int p0 = (int) ((long) mPanels * ti / tmF), p1 = (int) ((long) mPanels * (ti + 1) / tmF);
            int q0 = (int) ((long) nPanels * tj / tnF), q1 = (int) ((long) nPanels * (tj + 1) / tnF);
            if (p0 < p1 && q0 < q1) {
                block(kern, m, n, k, a, aOff, lda, b, rows, c, cOff, ldc, ep, p0 * mr, Math.min(m, p1 * mr), q0 * nr,
                        Math.min(n, q1 * nr));
            }
        });
    }

    private static void block(MicroKernel kern, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
                              float[] c, int cOff, int ldc, RowEpilogue ep, int m0, int m1, int n0, int n1) {
        int mr = kern.mr, nr = kern.nr;
        int kcMax = GemmDriver.KC;
        float[] tile = FloatScratch.take(mr * nr);
        float[] edgeA = FloatScratch.take(mr * kcMax);
        float[] panel = FloatScratch.take(kcMax * nr);
        int[] panelRows = kern.panelRows();
        try {
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean acc = pc > 0;
                RowEpilogue finish = pc + kc >= k ? ep : null;
                int edgeRows = (m1 - m0) % mr;
                int fullEnd = m1 - edgeRows;
                if (edgeRows != 0) {
                    // The last row panel is short: copy its rows (zero-padded) so the kernel reads in bounds.
                    for (int r = 0; r < mr; r++) {
                        if (r < edgeRows) System.arraycopy(a, aOff + (fullEnd + r) * lda + pc, edgeA, r * kc, kc);
                        else java.util.Arrays.fill(edgeA, r * kc, (r + 1) * kc, 0f);
                    }
                }
                for (int jr = n0; jr < n1; jr += nr) {
                    int cols = Math.min(nr, n1 - jr);
                    // The B rows of this panel are scattered (one per tap); a contiguous copy keeps
                    // them in L1 without cache-set conflicts while every row panel of A passes by.
                    kern.packRows(b, rows, pc, jr, kc, panel, 0);
                    for (int ir = m0; ir < m1; ir += mr) {
                        int rowsHere = Math.min(mr, m1 - ir);
                        float[] aa = rowsHere == mr ? a : edgeA;
                        int ao = rowsHere == mr ? aOff + ir * lda + pc : 0, ld = rowsHere == mr ? lda : kc;
                        int co = cOff + ir * ldc + jr;
                        if (rowsHere == mr && cols == nr) {
                            kern.tileDirect(kc, aa, ao, ld, panel, panelRows, 0, 0, c, co, ldc, acc);
                        } else {
                            kern.tileDirect(kc, aa, ao, ld, panel, panelRows, 0, 0, tile, 0, nr, false);
                            kern.mergeTile(tile, nr, c, co, ldc, rowsHere, cols, acc);
                        }
                        if (finish != null) finish.apply(kern, c, co, ldc, ir, rowsHere, cols);
                    }
                }
            }
        } finally {
            FloatScratch.give(panel);
            FloatScratch.give(edgeA);
            FloatScratch.give(tile);
        }
    }
}
