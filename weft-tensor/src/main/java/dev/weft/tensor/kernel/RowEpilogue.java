package dev.weft.tensor.kernel;

/**
 * What a GEMM does to each tile of C once its last K block is in: add a per-row bias, then clamp,
 * and optionally drop padding columns on the way out. Done tile by tile while the tile is still in
 * L1, it replaces a bias pass, a clamp pass and a compaction pass over the whole output; for the
 * memory-bound convolutions of small networks (few input channels, large planes) those passes cost
 * more than the multiply. Immutable; the arrays are only read.
 *
 * <p>A <em>compacting</em> epilogue ({@code pitch > 0}) serves {@link DirectConv}, whose GEMM
 * computes output rows {@code pitch} columns apart of which the first {@code width} are real: GEMM
 * column {@code j} is output {@code (j / pitch, j % pitch)}, stored at {@code (j / pitch) * width + j % pitch}
 * of its C row when {@code j % pitch < width} and dropped otherwise. The GEMM then computes each tile
 * into a scratch tile and this epilogue stores it, so it needs the whole K in one block.
 *
 * @param bias    per-row bias (row i of the GEMM reads {@code bias[biasOff + i]}), or null for none
 * @param biasOff where row 0's bias is
 * @param clamp   applied after the bias; {@link Clamp#NONE} for none
 * @param pitch   GEMM columns per output row, or 0 when C is a plain matrix
 * @param width   real columns per output row (at most pitch), used when pitch &gt; 0
 */
record RowEpilogue(float[] bias, int biasOff, Clamp clamp, int pitch, int width) {
    RowEpilogue {
        if (clamp == null) clamp = Clamp.NONE;
        if (pitch < 0 || pitch > 0 && (width < 1 || width > pitch)) {
            throw new IllegalArgumentException("a compacting epilogue needs 0 < width <= pitch, got width " + width + ", pitch " + pitch);
        }
    }

    RowEpilogue(float[] bias, int biasOff, Clamp clamp) {
        this(bias, biasOff, clamp, 0, 0);
    }

    /** True when C's columns are output rows {@link #pitch} apart, padding dropped on the store. */
    boolean compacts() { return pitch > 0; }

    /** Row {@code row}'s bias. */
    float biasOf(int row) { return bias == null ? 0f : bias[biasOff + row]; }

    /** Applies it in place to {@code rows × cols} of a plain C at {@code cOff} (stride ldc), whose first row is GEMM row {@code row0}. */
    void apply(MicroKernel kern, float[] c, int cOff, int ldc, int row0, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int at = cOff + r * ldc;
            kern.addClamp(c, at, c, at, cols, biasOf(row0 + r), clamp);
        }
    }

    /**
     * Stores a computed tile (rows × cols of {@code tile}, stride tileLd) whose first cell is GEMM
     * cell (row0, col0) into a compacted C: row i of C starts at {@code cOff + i*ldc}. One segment at
     * a time through {@link MicroKernel#addClamp}: the reference that a kernel's own
     * {@link MicroKernel#storeCompact} must match.
     */
    void store(MicroKernel kern, float[] tile, int tileLd, float[] c, int cOff, int ldc, int row0, int rows, int col0, int cols) {
        for (int r = 0; r < rows; r++) {
            int rowStart = cOff + (row0 + r) * ldc;
            float b = biasOf(row0 + r);
            for (int j = 0; j < cols; ) {
                int oh = (col0 + j) / pitch, ow = (col0 + j) % pitch;
                int run = Math.min(cols - j, pitch - ow);
                if (ow < width) kern.addClamp(tile, r * tileLd + j, c, rowStart + oh * width + ow, Math.min(run, width - ow), b, clamp);
                j += run;
            }
        }
    }
}
