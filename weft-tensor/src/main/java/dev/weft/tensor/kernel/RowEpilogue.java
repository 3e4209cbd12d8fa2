package dev.weft.tensor.kernel;

/**
 * What a GEMM does to each tile of C once its last K block is in: add a per-row bias, then clamp.
 * Done tile by tile while the tile is still in L1, it replaces a bias pass and a clamp pass over the
 * whole output; for the memory-bound convolutions of small networks (few input channels, large
 * planes) those passes cost more than the multiply. Immutable; the arrays are only read.
 *
 * @param bias    per-row bias (row i of the GEMM reads {@code bias[biasOff + i]}), or null for none
 * @param biasOff where row 0's bias is
 * @param clamp   applied after the bias; {@link Clamp#NONE} for none
 */
record RowEpilogue(float[] bias, int biasOff, Clamp clamp) {
    RowEpilogue {
        if (clamp == null) clamp = Clamp.NONE;
    }

    /** The epilogue, or null when it would change nothing (no bias, no clamp). */
    static RowEpilogue of(float[] bias, int biasOff, Clamp clamp) {
        return bias == null && (clamp == null || clamp.isNone()) ? null : new RowEpilogue(bias, biasOff, clamp);
    }

    /** Row {@code row}'s bias. */
    float biasOf(int row) { return bias == null ? 0f : bias[biasOff + row]; }

    /** Applies it to {@code rows × cols} of C at {@code cOff} (stride ldc), whose first row is GEMM row {@code row0}. */
    void apply(MicroKernel kern, float[] c, int cOff, int ldc, int row0, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int at = cOff + r * ldc;
            kern.addClamp(c, at, c, at, cols, biasOf(row0 + r), clamp);
        }
    }
}
