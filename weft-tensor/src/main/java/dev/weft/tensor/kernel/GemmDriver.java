package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * The blocked GEMM loops (Goto/BLIS order: jc over N in NC blocks, pc over K in KC blocks with B
 * packed, ic over M in MC blocks with A packed, then jr/ir over register tiles), and the split of C
 * into blocks for the intra-op pool. An optional {@link RowEpilogue} (bias, clamp, dropped padding
 * columns) is applied to each tile after its last K block. Arguments were checked by {@link Gemm}.
 *
 * <p>Invariant: every task's N range starts at a multiple of nr, so prepacked B panels line up.
 */
final class GemmDriver {
    /** Depth of a K block: a kc×nr B micro-panel (32 KiB at nr=32) stays in the 48 KiB L1. */
    static final int KC = 256;
    /**
     * A prepacked A (convolution weights) up to this depth is one K block ({@link PackedA}), so its
     * products run a B panel at a time ({@link #panelwise}) with C written once, and a convolution's
     * bias, clamp and dropped padding columns go into the tile stores instead of a pass of their own.
     * Alternating with KC-deep blocks in one JVM (median of 40 paired runs), a limit of 576 made
     * SqueezeNet take 0.954 of the time on one thread and 0.960 on two (its 3×3 expand layers are 288
     * to 576 deep), MobileNet-v2 0.98–1.00, ResNet-18 0.99. Against 576, 1152 made MobileNet-v2 take
     * 0.944–0.95 on one thread and 0.933 on two (its 1×1 projections are up to 960 deep) and left
     * ResNet-18 at 0.98–1.00; against 1152, 4608 made ResNet-18 1.034 (its deep layers stream their
     * weights through each panel). KC itself at 576 gained as much on the models as the first step,
     * but plain products lost (256×256×512 ran 0.73–0.91 as fast with its 576-deep B panel out of L1,
     * in a probe run twice against each build in turn), so operands packed per call keep KC.
     */
    static final int PACKED_A_MAX_K = 1152;
    /**
     * Rows of an A block: mc×kc floats (60 KiB) stay close while B panels stream past. Chosen over 120
     * in alternating runs of both in one JVM; the difference is smaller than this machine's swings
     * from run to run, so treat it as a tie broken in favour of the smaller working set.
     */
    static final int MC = 60;
    /** Columns of a packed B block (kc×nc floats, 2 MiB) kept in L2/L3. */
    static final int NC = 2048;
    /**
     * K blocks up to this depth loop over row tiles outside column panels (see block). Measured by
     * alternating both orders in one JVM, one thread, thread CPU time: a 1×1 convolution 16→96 on
     * 112×112 (K=16) ran at 22 against 14 GFLOP/s; at K=96 to 256 the orders tie.
     */
    static final int ROWS_OUTER_MAX_K = 64;
    /**
     * With K up to {@link #ROWS_OUTER_MAX_K}, the panel-at-a-time loop ({@link #panelwise}) is used
     * only for up to this many rows: alternating in one JVM, one thread, it ran pointwise
     * convolutions with 16 to 64 outputs 1.08 to 1.27 times as fast as the rows-outer blocked loop,
     * and with 96 and 144 outputs (K 16 and 24) 0.89 and 0.96 times.
     */
    static final int PANELWISE_MAX_SHORT_K_ROWS = 64;
    /**
     * Short-K products with more than {@link #PANELWISE_ANY_C_ROWS} rows take the panel loop only
     * while their block of C holds at most this many floats (256 KiB). The panel loop writes C as one
     * stream per row: a first layer (K = 27, 32 or 64 outputs over 12,000 pixels) or SqueezeNet's
     * 16→64 expand layers (3,025 pixels) had 32 to 64 streams over megabytes of C, where the
     * rows-outer loop writes six. Alternating in one JVM with the previous rule (up to 64 rows
     * whatever the size of C; median of 40 paired runs): SqueezeNet took 0.89–0.98 of the time on
     * one and two threads, MobileNet-v2 0.97–1.00, ResNet-18 1.00–1.01. With a 16-row limit and no
     * size test, ResNet-18 lost 3%: its Winograd products (64 rows, K = 64, 224 columns) want the
     * panel loop.
     */
    static final int PANELWISE_MAX_SHORT_K_C = 1 << 16;
    /** Rows up to which short-K products take the panel loop whatever the size of C. */
    static final int PANELWISE_ANY_C_ROWS = 16;
    /** The depth of a K block in a product with this prepacked A, or with A packed per call (null). */
    static int kBlock(PackedA pa) {
        return pa != null ? pa.kBlock() : KC;
    }

    /** The widest register tile any kernel uses, for sizing workspaces. */
    private static final int MAX_MR = 16, MAX_NR = 64;

    private GemmDriver() {}

    static void run(MicroKernel kern, boolean transA, int m, int n, int k,
                    float alpha, float[] a, int aOff, int lda, BSource bs, PackedB pb,
                    float beta, float[] c, int cOff, int ldc) {
        run(kern, transA, m, n, k, alpha, a, aOff, lda, null, bs, pb, beta, c, cOff, ldc, null);
    }

    /** As above, with A either unpacked ({@code a}, pa null) or prepacked ({@code pa}, for kern.mr, alpha 1). */
    static void run(MicroKernel kern, boolean transA, int m, int n, int k,
                    float alpha, float[] a, int aOff, int lda, PackedA pa, BSource bs, PackedB pb,
                    float beta, float[] c, int cOff, int ldc) {
        run(kern, transA, m, n, k, alpha, a, aOff, lda, pa, bs, pb, beta, c, cOff, ldc, null);
    }

    /**
     * As above, then {@code ep} (null for none) on every tile of C once its last K block is in,
     * while the tile is still in L1. A compacting epilogue (see {@link RowEpilogue}) takes C's
     * layout from it, with {@code ldc} the stride of its rows, and needs K in one block.
     */
    static void run(MicroKernel kern, boolean transA, int m, int n, int k,
                    float alpha, float[] a, int aOff, int lda, PackedA pa, BSource bs, PackedB pb,
                    float beta, float[] c, int cOff, int ldc, RowEpilogue ep) {
        if (m == 0 || n == 0) return;
        int kBlock = kBlock(pa);
        if (ep != null && ep.compacts() && (k > kBlock || k == 0 || beta != 0f || alpha != 1f)) {
            throw new IllegalArgumentException("a compacting epilogue needs 0 < K <= " + kBlock + " (one K block), alpha 1 and beta 0; got K=" + k);
        }
        if (k == 0 || alpha == 0f) {
            scale(c, cOff, ldc, 0, m, 0, n, beta);
            if (ep != null) ep.apply(kern, c, cOff, ldc, 0, m, n);
            return;
        }
        if (m == 1 && pb != null && ep == null) {
            rowTimesPacked(kern, transA, n, k, alpha, a, aOff, lda, pb, beta, c, cOff);
            return;
        }
        int mr = kern.mr, nr = kern.nr;
        long work = (long) m * n * k;
        int threads = IntraOp.threads();
        int mPanels = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;
        // Few rows over a large B (a classifier's matrix-vector product) are bound by reading B, not by
        // the multiply-adds: worth splitting once B no longer fits in one core's L2.
        boolean streams = (long) k * n >= (1L << 18);
        int tasks = threads <= 1 || work < (1L << 21) && !streams ? 1 : (work >= (1L << 27) ? 2 * threads : threads);
        // Split N first (each task re-packs A, which is cheap), in whole nr panels; then M.
        int tn = Math.max(1, Math.min(tasks, nPanels / 2));
        int tm = Math.max(1, Math.min(tasks / tn, mPanels));
        if (tn * tm < tasks && tm < mPanels) tm = Math.min(mPanels, (tasks + tn - 1) / tn);
        if (pb != null && pa == null && !streams && mPanels >= 2) {
            // Activations times prepacked weights that fit in L2 (a transformer's projections): split
            // M, so each task packs only its own rows of A and both read the shared B panels. With N
            // split, each task packed all of A, a strided scalar copy that cost tiny BERT's 64-row
            // products as much as the second core gained: alternating both splits in one JVM on two
            // threads, 64×128×512 took 0.83 of the time and 64×384×128 0.81 (probe not committed).
            // A B too large for L2 keeps the N split, so that no core reads all of it.
            tm = Math.min(tasks, mPanels);
            tn = Math.max(1, Math.min(tasks / tm, nPanels));
        }
        if (tn * tm == 1) { // no lambda, no region: a small GEMM allocates nothing
            block(kern, transA, k, alpha, a, aOff, lda, pa, bs, pb, beta, c, cOff, ldc, ep, 0, m, 0, n);
            return;
        }
        final int tnF = tn, tmF = tm;
        IntraOp.parallelFor(tn * tm, work, t -> {
            int ti = t / tnF, tj = t % tnF;
            int m0 = split(mPanels, tmF, ti) * mr, m1 = Math.min(m, split(mPanels, tmF, ti + 1) * mr);
            int n0 = split(nPanels, tnF, tj) * nr, n1 = Math.min(n, split(nPanels, tnF, tj + 1) * nr);
            if (m0 < m1 && n0 < n1) {
                block(kern, transA, k, alpha, a, aOff, lda, pa, bs, pb, beta, c, cOff, ldc, ep, m0, m1, n0, n1);
            }
        });
    }

    /**
     * C's one row = alpha · A's one row · B + beta · C, with B prepacked (a fully connected layer at
     * batch 1): each B panel is read once, by {@link MicroKernel#rowTimesPanel}, instead of through
     * register tiles whose other mr − 1 rows would be zeros. The product is bound by reading B, so
     * its panels are split between threads once B no longer fits in one core's L2. Measured on one
     * thread (two JVMs back to back, median of 41 calls): 1×1280 by 1280×1000 (MobileNet-v2's
     * classifier) took 525 instead of 726 µs with B in cache, 675 instead of 953 µs with B evicted.
     */
    private static void rowTimesPacked(MicroKernel kern, boolean transA, int n, int k, float alpha, float[] a, int aOff,
                                       int lda, PackedB pb, float beta, float[] c, int cOff) {
        int panels = (n + kern.nr - 1) / kern.nr;
        int aStride = transA ? lda : 1;
        long work = (long) k * n;
        int tasks = IntraOp.threads() > 1 && work >= (1L << 18) ? Math.min(IntraOp.threads(), panels) : 1;
        if (tasks == 1) {
            rowPanels(kern, 0, panels, n, k, alpha, a, aOff, aStride, pb, beta, c, cOff);
            return;
        }
        IntraOp.parallelFor(tasks, work, t -> rowPanels(kern, split(panels, tasks, t), split(panels, tasks, t + 1), n, k,
                alpha, a, aOff, aStride, pb, beta, c, cOff));
    }

    /** Panels [p0, p1) of {@link #rowTimesPacked}. */
    private static void rowPanels(MicroKernel kern, int p0, int p1, int n, int k, float alpha, float[] a, int aOff,
                                  int aStride, PackedB pb, float beta, float[] c, int cOff) {
        int nr = kern.nr;
        float[] sum = FloatScratch.take(nr);
        try {
            for (int panel = p0; panel < p1; panel++) {
                int j = panel * nr;
                java.util.Arrays.fill(sum, 0, nr, 0f);
                for (int pc = 0; pc < k; pc += KC) {
                    kern.rowTimesPanel(Math.min(KC, k - pc), a, aOff + pc * aStride, aStride, pb.data(), pb.panelOffset(pc, j), sum);
                }
                int cols = Math.min(nr, n - j);
                for (int t = 0, at = cOff + j; t < cols; t++, at++) {
                    float v = alpha * sum[t];
                    c[at] = beta == 0f ? v : v + beta * c[at]; // beta 0 ignores C, NaN included
                }
            }
        } finally {
            FloatScratch.give(sum);
        }
    }

    /** Start of part {@code i} of {@code parts} near-equal parts of {@code total} units. */
    private static int split(int total, int parts, int i) {
        return (int) ((long) total * i / parts);
    }

    private static void block(MicroKernel kern, boolean transA, int k, float alpha,
                              float[] a, int aOff, int lda, PackedA pa, BSource bs, PackedB pb,
                              float beta, float[] c, int cOff, int ldc, RowEpilogue ep, int m0, int m1, int n0, int n1) {
        int mr = kern.mr, nr = kern.nr;
        if (beta != 0f && beta != 1f) {
            scale(c, cOff, ldc, m0, m1, n0, n1, beta);
            beta = 1f;
        }
        int mcMax = Math.max(mr, MC / mr * mr);
        int kStep = kBlock(pa); // prepacked A fixes the K blocks
        int blockRows = m1 - m0;
        boolean shortKPanels = blockRows <= PANELWISE_ANY_C_ROWS
                || blockRows <= PANELWISE_MAX_SHORT_K_ROWS && (long) blockRows * (n1 - n0) <= PANELWISE_MAX_SHORT_K_C;
        if (pa != null && pb == null && k <= kStep && (k > ROWS_OUTER_MAX_K || shortKPanels)) {
            panelwise(kern, k, pa, bs, beta != 0f, c, cOff, ldc, ep, m0, m1, n0, n1);
            return;
        }
        float[] aBuf = pa == null ? FloatScratch.take((MC + MAX_MR) * KC) : null;
        float[] bBuf = pb == null ? FloatScratch.take(kStep * (NC + MAX_NR)) : null;
        float[] tile = FloatScratch.take(MAX_MR * MAX_NR);
        try {
            for (int jc = n0; jc < n1; jc += NC) {
                int nc = Math.min(NC, n1 - jc);
                for (int pc = 0; pc < k; pc += kStep) {
                    int kc = Math.min(kStep, k - pc);
                    float[] bArr;
                    int bStart;
                    if (pb != null) {
                        bArr = pb.data();
                        bStart = pb.panelOffset(pc, jc);
                    } else {
                        bs.pack(pc, kc, jc, nc, nr, bBuf);
                        bArr = bBuf;
                        bStart = 0;
                    }
                    boolean acc = pc > 0 || beta != 0f;
                    RowEpilogue finish = pc + kc >= k ? ep : null;
                    for (int ic = m0; ic < m1; ic += mcMax) {
                        int mc = Math.min(mcMax, m1 - ic);
                        float[] aArr;
                        int aStart;
                        if (pa != null) {
                            aArr = pa.data();
                            aStart = pa.panelOffset(pc, ic);
                        } else {
                            GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, mr, aBuf, 0);
                            aArr = aBuf;
                            aStart = 0;
                        }
                        // Usually column panels outside, so each B panel stays in L1 while the A block
                        // passes; with a short K the whole A block fits in L1 anyway, and row tiles
                        // outside write C as a few sequential streams instead of mc of them.
                        boolean rowsOuter = kc <= ROWS_OUTER_MAX_K;
                        int jrN = (nc + nr - 1) / nr, irN = (mc + mr - 1) / mr;
                        int outerN = rowsOuter ? irN : jrN, innerN = rowsOuter ? jrN : irN;
                        for (int outer = 0; outer < outerN; outer++) {
                            for (int inner = 0; inner < innerN; inner++) {
                                int jr = (rowsOuter ? inner : outer) * nr, ir = (rowsOuter ? outer : inner) * mr;
                                int cols = Math.min(nr, nc - jr);
                                int bo = bStart + (jr / nr) * kc * nr;
                                int rows = Math.min(mr, mc - ir);
                                int ao = aStart + (ir / mr) * kc * mr;
                                tile(kern, kc, aArr, ao, bArr, bo, tile, c, cOff, ldc, acc, finish, ic + ir, rows, jc + jr, cols);
                            }
                        }
                    }
                }
            }
        } finally {
            FloatScratch.give(tile);
            if (bBuf != null) FloatScratch.give(bBuf);
            if (aBuf != null) FloatScratch.give(aBuf);
        }
    }

    /**
     * The register tile at C cell (i, j), {@code rows × cols} of it real: multiplied into C (added
     * when {@code acc}), or, when it is partial or compacted, computed into the scratch {@code tile}
     * first (through the kernel's narrow path where the real columns fit) and merged or compacted
     * into C; then given the epilogue {@code finish} (null before the last K block).
     */
    private static void tile(MicroKernel kern, int kc, float[] a, int ao, float[] b, int bo, float[] tile, float[] c,
                             int cOff, int ldc, boolean acc, RowEpilogue finish, int i, int rows, int j, int cols) {
        int nr = kern.nr, co = cOff + i * ldc + j;
        if (finish != null && finish.compacts()) { // one K block: see run
            intoScratch(kern, kc, a, ao, b, bo, tile, rows, cols);
            kern.storeCompact(finish, tile, nr, c, cOff, ldc, i, rows, j, cols);
            return;
        }
        if (rows == kern.mr && cols == nr && finish != null) {
            kern.tileFinish(kc, a, ao, b, bo, c, co, ldc, acc, finish, i);
            return;
        }
        if (rows == kern.mr && cols == nr) {
            kern.tile(kc, a, ao, b, bo, c, co, ldc, acc);
        } else if (rows == kern.shortRows() && cols == nr && !acc) {
            kern.tileShort(kc, a, ao, b, bo, c, co, ldc); // straight into C: all its cells are real
        } else {
            intoScratch(kern, kc, a, ao, b, bo, tile, rows, cols);
            kern.mergeTile(tile, nr, c, co, ldc, rows, cols, acc);
        }
        if (finish != null) finish.apply(kern, c, co, ldc, i, rows, cols);
    }

    /**
     * The tile written (not added) to scratch {@code tile}, rows nr apart: through the kernel's
     * narrow path when its {@code cols} real columns fit, its short path when its {@code rows} real
     * rows do, else whole.
     */
    private static void intoScratch(MicroKernel kern, int kc, float[] a, int ao, float[] b, int bo, float[] tile, int rows,
                                    int cols) {
        if (cols <= kern.narrowCols()) {
            kern.tileNarrow(kc, a, ao, b, bo, tile, 0, kern.nr);
        } else if (rows <= kern.shortRows()) {
            kern.tileShort(kc, a, ao, b, bo, tile, 0, kern.nr);
        } else {
            kern.tile(kc, a, ao, b, bo, tile, 0, kern.nr, false);
        }
    }

    /**
     * C[m0..m1)[n0..n1) with A prepacked and K in one block: each B panel is packed just before its
     * column of tiles and used by all of them while it is in L1. (The blocked loop packs a whole
     * block of NC columns first, 1.2 MB for a 144-deep convolution, so every panel goes out to L2
     * and comes back. Alternating both in one JVM, one thread, convolutions ran 1.12 times as fast
     * (3×3, 16→64 channels, 55×55) and 1.21 times (1×1, 128→16, 55×55); no layer tried was slower.)
     */
    private static void panelwise(MicroKernel kern, int k, PackedA pa, BSource bs, boolean acc, float[] c, int cOff,
                                  int ldc, RowEpilogue ep, int m0, int m1, int n0, int n1) {
        int mr = kern.mr, nr = kern.nr;
        float[] panel = FloatScratch.take(k * nr);
        float[] tile = FloatScratch.take(MAX_MR * MAX_NR);
        try {
            for (int j = n0; j < n1; j += nr) {
                int cols = Math.min(nr, n1 - j);
                bs.pack(0, k, j, cols, nr, panel);
                for (int i = m0; i < m1; i += mr) {
                    tile(kern, k, pa.data(), pa.panelOffset(0, i), panel, 0, tile, c, cOff, ldc, acc, ep, i, Math.min(mr, m1 - i), j, cols);
                }
            }
        } finally {
            FloatScratch.give(tile);
            FloatScratch.give(panel);
        }
    }

    /** C[m0..m1)[n0..n1) *= beta, with beta 0 meaning "set to zero" (NaN-safe). */
    private static void scale(float[] c, int cOff, int ldc, int m0, int m1, int n0, int n1, float beta) {
        if (beta == 1f) return;
        for (int i = m0; i < m1; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row + n0, row + n1, 0f);
            } else {
                for (int j = n0; j < n1; j++) c[row + j] *= beta;
            }
        }
    }
}
