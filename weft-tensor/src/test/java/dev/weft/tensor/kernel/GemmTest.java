package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.tensor.parallel.IntraOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final Random RND = new Random(42);

    /** The textbook triple loop in double precision, on the same strided inputs. */
    static void reference(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * s + (beta == 0 ? 0 : beta * (double) c[ci]));
            }
        }
    }

    static float[] random(int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = RND.nextFloat() * 2 - 1;
        return x;
    }

    private static void check(MicroKernel kern, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                              boolean prepacked) {
        int pad = RND.nextInt(3);
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        int aOff = RND.nextInt(4), bOff = RND.nextInt(4), cOff = RND.nextInt(4);
        float[] a = random(aOff + lda * Math.max(ta ? k : m, 1));
        float[] b = random(bOff + ldb * Math.max(tb ? n : k, 1));
        float[] c = random(cOff + ldc * Math.max(m, 1));
        if (beta == 0) java.util.Arrays.fill(c, Float.NaN); // beta 0 must ignore old C, NaN included
        float[] expected = c.clone();
        reference(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        if (prepacked) {
            PackedB pb = PackedB.pack(kern.nr, tb, k, n, b, bOff, ldb);
            Gemm.sgemm(kern, ta, m, alpha, a, aOff, lda, pb, beta, c, cOff, ldc);
        } else {
            Gemm.sgemm(kern, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
        String what = kern.getClass().getSimpleName() + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " prepacked=" + prepacked;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                float tol = 1e-5f * (k + 1) + 1e-5f;
                assertEquals(expected[ci], c[ci], tol, what + " at (" + i + "," + j + ")");
            }
        }
        // Padding between rows must be untouched (it was random, never NaN unless beta == 0).
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc && cOff + i * ldc + j < c.length; j++) {
                int ci = cOff + i * ldc + j;
                assertEquals(expected[ci], c[ci], 0f, what + " wrote outside C at (" + i + "," + j + ")");
            }
        }
    }

    private static MicroKernel[] kernels() {
        MicroKernel scalar = ScalarMicroKernel.DEFAULT;
        return VectorSupport.modulePresent()
                ? new MicroKernel[] {VectorKernels.gemm(), scalar} : new MicroKernel[] {scalar};
    }

    @Test
    void randomShapesBothKernelsAllTransposes() {
        int[] sizes = {0, 1, 2, 5, 6, 7, 15, 16, 17, 31, 33, 64, 65, 130};
        for (MicroKernel kern : kernels()) {
            for (int trial = 0; trial < 120; trial++) {
                int m = sizes[RND.nextInt(sizes.length)], n = sizes[RND.nextInt(sizes.length)];
                int k = sizes[RND.nextInt(sizes.length)];
                boolean ta = RND.nextBoolean(), tb = RND.nextBoolean();
                float alpha = new float[] {1f, 0.5f, -2f, 0f}[RND.nextInt(4)];
                float beta = new float[] {0f, 1f, 0.25f}[RND.nextInt(3)];
                check(kern, ta, tb, m, n, k, alpha, beta, trial % 3 == 0);
            }
        }
    }

    @Test
    void blockBoundariesAndParallelSplit() {
        // Sizes straddling KC, MC and NC and big enough to be split across the pool.
        int[][] shapes = {{121, 300, 257}, {250, 2100, 40}, {7, 4099, 3}, {300, 45, 600}, {1, 1000, 513}};
        for (MicroKernel kern : kernels()) {
            for (int[] s : shapes) {
                check(kern, false, false, s[0], s[1], s[2], 1f, 0f, false);
                check(kern, true, true, s[0], s[1], s[2], 0.5f, 1f, true);
            }
        }
    }

    @Test
    void oneRowTimesPackedBOnOneAndTwoThreads() {
        // The fully-connected-at-batch-1 path: panel edges, K blocks, transposed A, alpha and beta,
        // and a B big enough to be split between threads.
        int before = IntraOp.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                IntraOp.setThreads(threads);
                for (MicroKernel kern : kernels()) {
                    for (int[] nk : new int[][] {{1, 1}, {31, 255}, {33, 256}, {1000, 257}, {700, 700}}) {
                        check(kern, false, false, 1, nk[0], nk[1], 1f, 0f, true);
                        check(kern, true, true, 1, nk[0], nk[1], -2f, 1f, true);
                        check(kern, true, false, 1, nk[0], nk[1], 0.5f, 0.25f, true);
                    }
                }
            }
        } finally {
            IntraOp.setThreads(before);
        }
    }

    @Test
    void singleThreadedAndPooledAgree() {
        int before = IntraOp.threads();
        try {
            IntraOp.setThreads(1);
            check(MicroKernel.current(), false, true, 200, 300, 150, 1f, 0f, false);
            IntraOp.setThreads(4);
            check(MicroKernel.current(), false, true, 200, 300, 150, 1f, 0f, false);
        } finally {
            IntraOp.setThreads(before);
        }
    }

    @Test
    void vectorAndScalarGiveNearlyTheSameBits() {
        assumeTrue(VectorSupport.modulePresent());
        int m = 37, n = 53, k = 71;
        float[] a = random(m * k), b = random(k * n);
        float[] c1 = new float[m * n], c2 = new float[m * n];
        Gemm.sgemm(VectorKernels.gemm(), false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c1, 0, n);
        Gemm.sgemm(ScalarMicroKernel.DEFAULT, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c2, 0, n);
        for (int i = 0; i < c1.length; i++) assertEquals(c2[i], c1[i], 1e-4f);
    }

    @Test
    void systemPropertySelectsScalarPath() {
        String old = System.getProperty("weft.vector");
        try {
            System.setProperty("weft.vector", "false");
            assertTrue(MicroKernel.current() instanceof ScalarMicroKernel);
            float[] c = new float[4];
            Gemm.sgemm(false, false, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2, new float[] {5, 6, 7, 8}, 0, 2, 0f, c, 0, 2);
            assertEquals(19f, c[0]);
            assertEquals(50f, c[3]);
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    @Test
    void badArgumentsAreRefusedWithMessages() {
        float[] x = new float[6];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, -1, 2, 3, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
        assertTrue(e.getMessage().contains("M=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, x, 0, 3, x, 1, 2, 0f, x, 0, 2));
        assertTrue(e.getMessage().contains("matrix B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 3, 3, 1f, x, 0, 2, x, 0, 3, 0f, x, 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A"), e.getMessage());
    }

    @Test
    void unpackedAndRowTableOperandsMatchReference() {
        int[] sizes = {1, 5, 6, 7, 31, 32, 33, 70, 300};
        for (MicroKernel kern : kernels()) {
            for (int trial = 0; trial < 40; trial++) {
                int m = sizes[RND.nextInt(sizes.length)], n = sizes[RND.nextInt(sizes.length)];
                int k = sizes[RND.nextInt(sizes.length)];
                int ldb = n + RND.nextInt(3);
                float[] a = random(m * k), b = random(k * ldb + 64); // 64 floats of slack past the last row
                int[] rows = new int[k];
                for (int p = 0; p < k; p++) rows[p] = p * ldb;
                float[] c = random(m * n), expected = new float[m * n];
                reference(false, false, m, n, k, 1f, a, 0, k, b, 0, ldb, 0f, expected, 0, n);
                // Half the trials add a per-row bias and clamp as the tiles are stored.
                RowEpilogue ep = trial % 2 == 0 ? null : new RowEpilogue(random(m + 3), 3, new Clamp(-0.5f, 0.75f));
                if (ep != null) {
                    for (int i = 0; i < m * n; i++) expected[i] = ep.clamp().apply(expected[i] + ep.biasOf(i / n));
                }
                DirectGemm.run(kern, m, n, k, a, 0, k, b, rows, c, 0, n, ep);
                for (int i = 0; i < m * n; i++) {
                    assertEquals(expected[i], c[i], 1e-5f * (k + 1), "direct " + m + "x" + n + "x" + k + " at " + i);
                }
                java.util.Arrays.fill(c, Float.NaN);
                GemmDriver.run(kern, false, m, n, k, 1f, a, 0, k, null, new RowsSource(kern, b, rows), null, 0f, c, 0, n, ep);
                for (int i = 0; i < m * n; i++) {
                    assertEquals(expected[i], c[i], 1e-5f * (k + 1), "rows source " + m + "x" + n + "x" + k + " at " + i);
                }
            }
        }
    }

    /**
     * A kernel's fused tile epilogue ({@link MicroKernel#tileFinish}, bias and clamp in registers)
     * gives the bits of the tile stored and then given {@link RowEpilogue#apply}: NaN, infinities,
     * signed zeros on a zero bound, and accumulation into C included.
     */
    @Test
    void fusedTileEpilogueMatchesTheStoredTileBitForBit() {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f};
        for (MicroKernel kern : kernels()) {
            int mr = kern.mr, nr = kern.nr;
            for (int trial = 0; trial < 60; trial++) {
                int kc = 1 + RND.nextInt(300);
                float[] a = random(kc * mr), b = random(kc * nr), c0 = random(3 * nr * mr);
                for (int s = 0; s < 4; s++) a[RND.nextInt(a.length)] = specials[RND.nextInt(specials.length)];
                Clamp clamp = new Clamp[] {Clamp.NONE, Clamp.RELU, new Clamp(0f, 6f), new Clamp(-0.25f, 0f)}[trial % 4];
                RowEpilogue ep = new RowEpilogue(trial % 3 == 0 ? null : random(mr + 5), 2, clamp);
                boolean acc = trial % 2 == 1;
                int ldc = nr + 7, row0 = trial % 3;
                float[] fused = c0.clone(), stored = c0.clone();
                kern.tileFinish(kc, a, 0, b, 0, fused, 5, ldc, acc, ep, row0);
                kern.tile(kc, a, 0, b, 0, stored, 5, ldc, acc);
                ep.apply(kern, stored, 5, ldc, row0, mr, nr);
                for (int i = 0; i < fused.length; i++) {
                    assertEquals(Float.floatToIntBits(stored[i]), Float.floatToIntBits(fused[i]),
                            kern.getClass().getSimpleName() + " kc=" + kc + " acc=" + acc + " " + clamp + " at " + i);
                }
            }
        }
    }

    /**
     * A whole A panel ({@link MicroKernel#packAPanel}) holds, for each column, the mr rows' values,
     * bit for bit (NaN and -0 included), and nothing outside the panel is written: every depth around
     * the 16-column steps of the vector version.
     */
    @Test
    void aPanelsHoldEachColumnsRowsBitForBit() {
        for (MicroKernel kern : kernels()) {
            int mr = kern.mr;
            for (int kc : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 100, 256}) {
                int lda = kc + 3, src = 2, dOff = 5;
                float[] a = random(src + mr * lda);
                a[RND.nextInt(a.length)] = Float.NaN;
                a[RND.nextInt(a.length)] = -0f;
                float[] dst = new float[dOff + kc * mr + 7];
                java.util.Arrays.fill(dst, 42f);
                kern.packAPanel(a, src, lda, kc, dst, dOff);
                String what = kern.getClass().getSimpleName() + " kc=" + kc;
                for (int i = 0; i < dst.length; i++) {
                    int at = i - dOff;
                    float expected = at < 0 || at >= kc * mr ? 42f : a[src + (at % mr) * lda + at / mr];
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(dst[i]), what + ", at " + i);
                }
            }
        }
    }

    /**
     * An edge tile, computed whole or through the kernel's narrow path ({@link MicroKernel#tileNarrow})
     * where its columns fit, and merged from scratch ({@link MicroKernel#mergeTile}), writes exactly
     * its real rows and columns, with the bits of the whole tile (added to C when accumulating), and nothing else:
     * every rows × cols shape, NaN, infinities and signed zeros included, with C's last row ending
     * at the end of the array or leaving room for whole vectors.
     */
    @Test
    void edgeTilesWriteTheirCellsOnlyWithTheWholeTilesBits() {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f};
        for (MicroKernel kern : kernels()) {
            int mr = kern.mr, nr = kern.nr, narrow = 0, shorts = 0;
            for (int rows = 1; rows <= mr; rows++) {
                for (int cols = 1; cols <= nr; cols++) {
                    int kc = 1 + RND.nextInt(40);
                    float[] a = random(kc * mr), b = random(kc * nr);
                    if (cols % 3 == 0) java.util.Arrays.fill(a, -0f); // -0 products: C's -0 must survive
                    a[RND.nextInt(a.length)] = specials[RND.nextInt(specials.length)];
                    boolean acc = (rows + cols) % 2 == 0;
                    int ldc = nr + 3, cOff = 2;
                    int len = cOff + (rows - 1) * ldc + (cols % 2 == 0 ? cols : 2 * nr);
                    float[] c0 = random(len);
                    c0[RND.nextInt(len)] = specials[RND.nextInt(specials.length)];
                    float[] whole = random(mr * nr);
                    kern.tile(kc, a, 0, b, 0, whole, 0, nr, false);
                    float[] expected = c0.clone();
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < cols; j++) {
                            int at = cOff + r * ldc + j;
                            expected[at] = acc ? expected[at] + whole[r * nr + j] : whole[r * nr + j];
                        }
                    }
                    float[] viaNarrow = c0.clone(), viaMerge = c0.clone();
                    boolean done = cols <= kern.narrowCols();
                    if (done) {
                        float[] part = random(mr * nr);
                        kern.tileNarrow(kc, a, 0, b, 0, part, 0, nr);
                        kern.mergeTile(part, nr, viaNarrow, cOff, ldc, rows, cols, acc);
                        narrow++;
                    }
                    kern.mergeTile(whole, nr, viaMerge, cOff, ldc, rows, cols, acc);
                    String what = kern.getClass().getSimpleName() + " rows=" + rows + " cols=" + cols + " acc=" + acc;
                    float[] viaShort = c0.clone();
                    boolean isShort = rows <= kern.shortRows();
                    if (isShort) {
                        float[] part = random(mr * nr), before = part.clone();
                        kern.tileShort(kc, a, 0, b, 0, part, 0, nr);
                        for (int at = kern.shortRows() * nr; at < part.length; at++) {
                            assertEquals(Float.floatToIntBits(before[at]), Float.floatToIntBits(part[at]), what + " short tile wrote past its rows, at " + at);
                        }
                        kern.mergeTile(part, nr, viaShort, cOff, ldc, rows, cols, acc);
                        shorts++;
                    }
                    for (int at = 0; at < len; at++) {
                        assertEquals(Float.floatToIntBits(expected[at]), Float.floatToIntBits(viaMerge[at]), what + " merged, at " + at);
                        assertEquals(Float.floatToIntBits(done ? expected[at] : c0[at]), Float.floatToIntBits(viaNarrow[at]),
                                what + " narrow, at " + at);
                        assertEquals(Float.floatToIntBits(isShort ? expected[at] : c0[at]), Float.floatToIntBits(viaShort[at]),
                                what + " short, at " + at);
                    }
                }
            }
            // The vector kernel's narrow path runs wherever a whole vector fits (odd widths here),
            // and its short path for every width with up to four rows.
            assertTrue(kern instanceof ScalarMicroKernel || narrow >= mr * 5, kern.getClass().getSimpleName() + " narrow " + narrow);
            assertTrue(kern instanceof ScalarMicroKernel || shorts == kern.shortRows() * nr, kern.getClass().getSimpleName() + " short " + shorts);
        }
    }
}
