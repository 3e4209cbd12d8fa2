package dev.weft.tensor.kernel;

/**
 * The innermost GEMM step: an {@code mr × nr} tile of C from a packed A micro-panel
 * ({@code kc} columns of {@code mr} values) and a packed B micro-panel ({@code kc} rows of
 * {@code nr} values). Implementations are stateless and thread-safe.
 */
abstract class MicroKernel {
    final int mr;
    final int nr;
    /** Shared and never written after construction. */
    private final int[] panelRows;

    MicroKernel(int mr, int nr) {
        this.mr = mr;
        this.nr = nr;
        this.panelRows = new int[GemmDriver.KC];
        for (int p = 0; p < panelRows.length; p++) panelRows[p] = p * nr;
    }

    /**
     * {@code C[0..mr)[0..nr) (+)= sum_p A[p][r] * B[p][j]}: adds to C when {@code accumulate}, else
     * overwrites it. C rows start at {@code cOff + r*ldc}; all mr×nr cells must be in bounds.
     */
    abstract void tile(int kc, float[] a, int aOff, float[] b, int bOff,
                       float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * {@link #tile} followed by {@code ep} on the whole tile, whose first row is GEMM row {@code row0}:
     * as {@link RowEpilogue#apply} defines it (which this version calls). Kernels may add the bias
     * and clamp while the tile is still in registers.
     */
    void tileFinish(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate,
                    RowEpilogue ep, int row0) {
        tile(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        ep.apply(this, c, cOff, ldc, row0, mr, nr);
    }

    /**
     * Columns a {@link #tileNarrow} tile covers: an edge tile with at most this many real columns may
     * take it instead of a whole tile. 0 where the kernel has no narrow path.
     */
    int narrowCols() {
        return 0;
    }

    /**
     * The first {@link #narrowCols()} columns of the tile {@link #tile} would compute, all mr rows,
     * written (never added) to {@code out} at {@code outOff}, rows {@code outLd} apart, with the bits
     * {@link #tile} gives them: an edge tile whose real columns fit, for fewer multiply-adds. The
     * caller {@link #mergeTile merges} the real part into C. Only called where narrowCols() > 0.
     */
    void tileNarrow(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no narrow tile");
    }

    /**
     * Rows a {@link #tileShort} tile covers: an edge tile with at most this many real rows (and
     * more columns than {@link #narrowCols()}) may take it instead of a whole tile. 0 where the
     * kernel has no short path.
     */
    int shortRows() {
        return 0;
    }

    /**
     * The first {@link #shortRows()} rows of the tile {@link #tile} would compute, all nr columns,
     * written (never added) to {@code out} at {@code outOff}, rows {@code outLd} apart, with the bits
     * {@link #tile} gives them. Only called where shortRows() > 0.
     */
    void tileShort(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no short tile");
    }

    /**
     * Copies (or, when {@code accumulate}, adds) the first {@code rows × cols} cells of a tile
     * computed into scratch ({@code tile}, rows {@code tileLd} apart) into C at {@code cOff}: how an
     * edge tile reaches C. No other cell of C is touched.
     */
    void mergeTile(float[] tile, int tileLd, float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            int t = r * tileLd, d = cOff + r * ldc;
            if (accumulate) {
                for (int j = 0; j < cols; j++) c[d + j] += tile[t + j];
            } else {
                System.arraycopy(tile, t, c, d, cols);
            }
        }
    }

    /**
     * The same tile with unpacked operands: A row r is {@code a[aOff + r*lda + p]}, and B row p is the
     * nr floats at {@code b[rows[rowsOff + p] + col]}. Used when packing would cost as much
     * as the multiply (direct convolution). All nr floats of every B row read must be in bounds.
     */
    abstract void tileDirect(int kc, float[] a, int aOff, int lda, float[] b, int[] rows, int rowsOff, int col,
                             float[] c, int cOff, int ldc, boolean accumulate);

    /** Copies B rows {@code b[rows[rowsOff + p] + col ..+nr)} for p in [0, kc) into a packed kc×nr panel at dstOff. */
    abstract void packRows(float[] b, int[] rows, int rowsOff, int col, int kc, float[] dst, int dstOff);

    /**
     * One A panel of mr whole rows ({@code a[src]}, {@code a[src + lda]}, ...), columns [0, kc), into
     * {@code dst[dOff..]} as {@link GemmPacking#packA} lays it out: for each column, the mr values.
     */
    void packAPanel(float[] a, int src, int lda, int kc, float[] dst, int dOff) {
        for (int r = 0; r < mr; r++) {
            for (int p = 0, d = dOff + r; p < kc; p++, d += mr) dst[d] = a[src + r * lda + p];
        }
    }

    /**
     * Copies the kc×nr block of a row-major matrix at {@code b[src]} (row stride ldb) into a packed
     * panel at dstOff. This copy is most of the cost of a GEMM with few rows of A over a wide B (a
     * pointwise convolution with 16 outputs): one {@code System.arraycopy} per 32-float row took
     * 62% of such a GEMM's time in JFR. Two vector copies per row take 0.55 to 0.6 of the time
     * (alternating in one JVM, K 64 to 512); copying the block row by row across panels was slower
     * at K=64 (the panels' stores alias in the L1 sets).
     */
    void packPanel(float[] b, int src, int ldb, int kc, float[] dst, int dstOff) {
        for (int p = 0; p < kc; p++) System.arraycopy(b, src + p * ldb, dst, dstOff + p * nr, nr);
    }

    /**
     * {@code dst[dstOff + j] = clamp(src[srcOff + j] + bias)} for j in [0, len): the store step of
     * a GEMM epilogue and of copies that drop padding columns. Source and destination may be the
     * same range. NaN stays NaN.
     */
    void addClamp(float[] src, int srcOff, float[] dst, int dstOff, int len, float bias, Clamp clamp) {
        for (int j = 0; j < len; j++) dst[dstOff + j] = clamp.apply(src[srcOff + j] + bias);
    }

    /**
     * Stores a computed tile into a compacted C as {@link RowEpilogue#store} defines it (which this
     * version calls). Kernels may do it with whole vectors.
     */
    void storeCompact(RowEpilogue ep, float[] tile, int tileLd, float[] c, int cOff, int ldc, int row0, int rows,
                      int col0, int cols) {
        ep.store(this, tile, tileLd, c, cOff, ldc, row0, rows, col0, cols);
    }

    /**
     * {@code sum[j] += Σ_p a[aOff + p*aStride] · b[bOff + p*nr + j]} for j in [0, nr): one row of A
     * times one packed B panel of {@code kc} rows, for a product with a single row of A (a fully
     * connected layer at batch 1), where a register tile of mr rows would compute mr − 1 rows of
     * zeros. {@code sum} holds at least nr floats.
     */
    void rowTimesPanel(int kc, float[] a, int aOff, int aStride, float[] b, int bOff, float[] sum) {
        for (int p = 0; p < kc; p++) {
            float x = a[aOff + p * aStride];
            int row = bOff + p * nr;
            for (int j = 0; j < nr; j++) sum[j] += x * b[row + j];
        }
    }

    /** {@code p * nr} for p below {@link GemmDriver#KC}: the row table of a packed panel. */
    final int[] panelRows() { return panelRows; }

    /** The kernel for the current {@link VectorSupport} setting. */
    static MicroKernel current() {
        return VectorSupport.enabled() ? VectorKernels.gemm() : ScalarMicroKernel.DEFAULT;
    }

    /**
     * The kernel for an {@code m × k} left operand packed once ({@link PackedA}: convolution weights,
     * Winograd-transformed or not) under the current {@link VectorSupport} setting: the 12-row
     * {@link VectorTallMicroKernel} on the vector path for operands with at least 32 rows and a K of
     * at least 128, else the 6-row one. Alternating both in one JVM, one thread, per layer of
     * SqueezeNet, MobileNet-v2 and ResNet-18: with K from 128 to 1,280 and 32 to 1,000 rows the
     * 12-row tile took 0.88–1.00 of the time (most layers near 0.90); with 16 rows, or K from 16
     * to 64, up to 1.08.
     */
    static MicroKernel forPackedA(int m, int k) {
        if (!VectorSupport.enabled()) return ScalarMicroKernel.DEFAULT;
        return m >= 32 && k >= 128 ? VectorKernels.tall() : VectorKernels.gemm();
    }

    /** A scalar kernel with the given register-tile geometry (to run packings made for the vector one). */
    static MicroKernel scalar(int mr, int nr) {
        return mr == ScalarMicroKernel.DEFAULT.mr && nr == ScalarMicroKernel.DEFAULT.nr
                ? ScalarMicroKernel.DEFAULT : new ScalarMicroKernel(mr, nr);
    }
}
