package dev.weft.tensor.kernel;

/**
 * Where the GEMM driver gets the right-hand K×N operand from: it asks for blocks already in panel
 * layout (see {@link GemmPacking#packB}). A stored matrix is one source; a convolution input read
 * through im2col indexing ({@link Im2colSource}) is another, which saves writing and re-reading the
 * whole im2col matrix. Implementations are immutable and thread-safe.
 */
abstract class BSource {
    /** Writes rows [p0, p0+kc) × columns [j0, j0+nc) as panels of nr columns into dst from 0, zero-padded. */
    abstract void pack(int p0, int kc, int j0, int nc, int nr, float[] dst);

    /** A stored row-major matrix, transposed or not. */
    static BSource matrix(boolean trans, float[] b, int off, int ld) {
        return new BSource() {
            @Override
            void pack(int p0, int kc, int j0, int nc, int nr, float[] dst) {
                GemmPacking.packB(trans, b, off, ld, p0, kc, j0, nc, nr, dst, 0);
            }
        };
    }
}
