package dev.weft.tensor.kernel;

/**
 * A K×N right-hand matrix packed once into GEMM panels, for constant weights multiplied many times.
 * Made by {@link Gemm#packB}; immutable and safe to share between threads.
 *
 * <p>Layout: for each block of {@link GemmDriver#KC} rows of K, the column panels of {@code nr}
 * columns follow each other, each {@code kcBlock × nr} values row by row, zero-padded past N.
 */
public final class PackedB {
    private final int k;
    private final int n;
    private final int nr;
    private final int panels;
    private final float[] data;

    private PackedB(int k, int n, int nr, float[] data) {
        this.k = k;
        this.n = n;
        this.nr = nr;
        this.panels = (n + nr - 1) / nr;
        this.data = data;
    }

    static PackedB pack(int nr, boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int panels = (n + nr - 1) / nr;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(k, panels), nr)];
        for (int pc = 0; pc < k; pc += GemmDriver.KC) {
            int kc = Math.min(GemmDriver.KC, k - pc);
            GemmPacking.packB(transB, b, bOff, ldb, pc, kc, 0, n, nr, data, pc * panels * nr);
        }
        return new PackedB(k, n, nr, data);
    }

    /** Rows of the packed matrix (the K of the product). */
    public int k() { return k; }

    /** Columns of the packed matrix (the N of the product). */
    public int n() { return n; }

    int nr() { return nr; }

    float[] data() { return data; }

    /** Where the panel holding column {@code j} (a multiple of nr) starts, in the block of rows from pc. */
    int panelOffset(int pc, int j) {
        int kc = Math.min(GemmDriver.KC, k - pc);
        return pc * panels * nr + (j / nr) * kc * nr;
    }
}
