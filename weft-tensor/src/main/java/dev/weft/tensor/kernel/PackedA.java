package dev.weft.tensor.kernel;

/**
 * An M×K left-hand matrix packed once into the GEMM's A panels, for constant operands (transformed
 * convolution weights) multiplied many times against small right-hand sides, where packing A on
 * every call would cost a third of the multiply. Immutable and safe to share between threads.
 *
 * <p>Layout: for each block of {@link #kBlock()} columns of K, the row panels of {@code mr} rows
 * follow each other, each {@code kcBlock × mr} values column by column (the order
 * {@link GemmPacking#packA} writes), zero-padded past M. K up to
 * {@link GemmDriver#PACKED_A_MAX_K} is one block; deeper K is split into blocks of
 * {@link GemmDriver#KC}.
 */
final class PackedA {
    private final int m;
    private final int k;
    private final int mr;
    private final int panels;
    private final int kBlock;
    private final float[] data;

    private PackedA(int m, int k, int mr, float[] data) {
        this.m = m;
        this.k = k;
        this.mr = mr;
        this.panels = (m + mr - 1) / mr;
        this.kBlock = blockFor(k);
        this.data = data;
    }

    /** The K block of an A that is k deep: all of K up to {@link GemmDriver#PACKED_A_MAX_K}, else KC. */
    private static int blockFor(int k) {
        return k <= GemmDriver.PACKED_A_MAX_K ? Math.max(1, k) : GemmDriver.KC;
    }

    /** Packs the row-major M×K matrix at {@code a[aOff]} (row stride lda) for kernels with this mr. */
    static PackedA pack(int mr, float[] a, int aOff, int lda, int m, int k) {
        int panels = (m + mr - 1) / mr;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(k, panels), mr)];
        int block = blockFor(k);
        for (int pc = 0; pc < k; pc += block) {
            int kc = Math.min(block, k - pc);
            GemmPacking.packA(false, a, aOff, lda, 0, m, pc, kc, 1f, mr, data, pc * panels * mr);
        }
        return new PackedA(m, k, mr, data);
    }

    int m() { return m; }

    int k() { return k; }

    int mr() { return mr; }

    /** How many columns of K each block holds (the last may hold fewer). */
    int kBlock() { return kBlock; }

    float[] data() { return data; }

    /** Where the panel holding row {@code i} (a multiple of mr) starts, in the block of columns from pc. */
    int panelOffset(int pc, int i) {
        int kc = Math.min(kBlock, k - pc);
        return pc * panels * mr + (i / mr) * kc * mr;
    }
}
