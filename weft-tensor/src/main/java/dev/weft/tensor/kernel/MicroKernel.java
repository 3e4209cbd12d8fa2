package dev.weft.tensor.kernel;

/**
 * The innermost GEMM step: an {@code mr × nr} tile of C from a packed A micro-panel
 * ({@code kc} columns of {@code mr} values) and a packed B micro-panel ({@code kc} rows of
 * {@code nr} values). Implementations are stateless and thread-safe.
 */
abstract class MicroKernel {
    final int mr;
    final int nr;

    MicroKernel(int mr, int nr) {
        this.mr = mr;
        this.nr = nr;
    }

    /**
     * {@code C[0..mr)[0..nr) (+)= sum_p A[p][r] * B[p][j]}: adds to C when {@code accumulate}, else
     * overwrites it. C rows start at {@code cOff + r*ldc}; all mr×nr cells must be in bounds.
     */
    abstract void tile(int kc, float[] a, int aOff, float[] b, int bOff,
                       float[] c, int cOff, int ldc, boolean accumulate);

    /** The kernel for the current {@link VectorSupport} setting. */
    static MicroKernel current() {
        return VectorSupport.enabled() ? VectorKernels.gemm() : ScalarMicroKernel.DEFAULT;
    }

    /** A scalar kernel with the given register-tile geometry (to run packings made for the vector one). */
    static MicroKernel scalar(int mr, int nr) {
        return mr == ScalarMicroKernel.DEFAULT.mr && nr == ScalarMicroKernel.DEFAULT.nr
                ? ScalarMicroKernel.DEFAULT : new ScalarMicroKernel(mr, nr);
    }
}
