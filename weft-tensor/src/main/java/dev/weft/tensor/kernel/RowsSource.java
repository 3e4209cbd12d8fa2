package dev.weft.tensor.kernel;

/**
 * A K×N operand whose row p is the contiguous run {@code b[rows[p] ..]}: the im2col matrix of a
 * phase-split image ({@link DirectConv}), where every row is a shifted view of one buffer. Packing a
 * panel is two vector copies per row. Reads up to nr floats past column N on each row: the caller
 * leaves that much slack after the buffer, and those columns are dropped by the GEMM.
 */
final class RowsSource extends BSource {
    private final MicroKernel kern;
    private final float[] b;
    private final int[] rows;

    RowsSource(MicroKernel kern, float[] b, int[] rows) {
        this.kern = kern;
        this.b = b;
        this.rows = rows;
    }

    @Override
    void pack(int p0, int kc, int j0, int nc, int nr, float[] dst) {
        for (int q = 0, jr = 0; jr < nc; q++, jr += nr) kern.packRows(b, rows, p0, j0 + jr, kc, dst, q * kc * nr);
    }
}
