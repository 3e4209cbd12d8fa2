package dev.weft.tensor.kernel;

/**
 * Row arithmetic for transforms built from linear combinations of whole rows (Winograd). A vector
 * implementation exists when the Vector API is on; this class holds the scalar one. Stateless and
 * thread-safe; source and destination rows must not overlap.
 *
 * <p>{@link #combine} multiplies a small dense matrix into a set of rows:
 * {@code dst row r = Σ_c coef[r·cols + c] · src row c}, each row n floats long. Source row c starts
 * at {@code sBase + (c % m)·sA + (c / m)·sB} (m a power of two: rows may come from a phase-split
 * layout), destination row r at {@code dBase + r·dStride}.
 *
 * <p>Rows are processed in whole blocks of {@link #WIDTH} floats: {@code n} is rounded up to a
 * multiple of it, so callers lay rows out with that much room (the extra lanes hold garbage).
 * This keeps masks out of the vector loop.
 */
abstract class Lanes {
    /**
     * Row lengths are rounded up to a multiple of this: 16 floats, AVX-512's width. A CPU whose
     * preferred float vector is wider (or does not divide it) gets the scalar rows ({@link VectorKernels}).
     */
    static final int WIDTH = 16;

    /** {@code n} rounded up to a multiple of {@link #WIDTH}. */
    static int padded(int n) { return (n + WIDTH - 1) / WIDTH * WIDTH; }

    private static final Lanes SCALAR = new Lanes() {
        @Override
        void combine(float[] coef, int rows, int cols, float[] src, int sBase, int sA, int sB, int m,
                     float[] dst, int dBase, int dStride, int n) {
            int mask = m - 1, shift = Integer.numberOfTrailingZeros(m);
            n = padded(n);
            for (int r = 0; r < rows; r++) {
                int d = dBase + r * dStride;
                java.util.Arrays.fill(dst, d, d + n, 0f);
                for (int c = 0; c < cols; c++) {
                    float cf = coef[r * cols + c];
                    if (cf == 0f) continue;
                    int s = sBase + (c & mask) * sA + (c >> shift) * sB;
                    for (int i = 0; i < n; i++) dst[d + i] += cf * src[s + i];
                }
            }
        }
    };

    /** See the class documentation. */
    abstract void combine(float[] coef, int rows, int cols, float[] src, int sBase, int sA, int sB, int m,
                          float[] dst, int dBase, int dStride, int n);

    /**
     * {@link #combine} with Winograd's Bᵀ (α×α) as the matrix: α source rows (addressed with phase
     * size {@code m}) to α destination rows. Implementations may use the matrix's structure.
     */
    void inputTransform(Winograd.Variant v, float[] src, int sBase, int sA, int sB, int m,
                        float[] dst, int dBase, int dStride, int n) {
        combine(v.bt(), v.alpha(), v.alpha(), src, sBase, sA, sB, m, dst, dBase, dStride, n);
    }

    /** {@link #combine} with Winograd's Aᵀ (m×α): α source rows (uniform stride) to m destination rows. */
    void outputTransform(Winograd.Variant v, float[] src, int sBase, int sStride, float[] dst, int dBase, int dStride, int n) {
        combine(v.at(), v.m(), v.alpha(), src, sBase, 0, sStride, 1, dst, dBase, dStride, n);
    }

    /** {@code dst[d + i] = src[s + i·stride]} for i < n (a strided gather; stride ≥ 1). */
    void gather(float[] src, int s, int stride, float[] dst, int d, int n) {
        for (int i = 0; i < n; i++) dst[d + i] = src[s + i * stride];
    }

    /**
     * Splits a row into its {@code m} column phases (m is 2 or 4):
     * {@code dst[d + (t % m)·dStride + t / m] = src[s + t]} for t in [from, to), 0 ≤ from. Nothing
     * else in dst is written; {@code src[s + t]} is read only for t in [from, to).
     */
    void unzip(int m, float[] src, int s, float[] dst, int d, int dStride, int from, int to) {
        for (int t = from; t < to; t++) dst[d + (t % m) * dStride + t / m] = src[s + t];
    }

    /**
     * Merges {@code m} column phases into a row (m is 2 or 4), the inverse of {@link #unzip}:
     * {@code dst[d + t] = src[s + (t % m)·sStride + t / m] + add} for t < len. Nothing else in dst is
     * written.
     */
    void zip(int m, float[] src, int s, int sStride, float add, float[] dst, int d, int len) {
        for (int t = 0; t < len; t++) dst[d + t] = src[s + (t % m) * sStride + t / m] + add;
    }

    /** The implementation for the current {@link VectorSupport} setting. */
    static Lanes current() {
        return VectorSupport.enabled() ? VectorKernels.lanes() : SCALAR;
    }

    /** The scalar implementation. */
    static Lanes scalar() { return SCALAR; }
}
