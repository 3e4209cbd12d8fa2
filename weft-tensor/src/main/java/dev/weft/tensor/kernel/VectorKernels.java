package dev.weft.tensor.kernel;

/**
 * Holder of the Vector API kernels. Touching this class loads {@code jdk.incubator.vector}, so it is
 * reached only through {@link VectorSupport#enabled()} checks.
 */
final class VectorKernels {
    private static final MicroKernel GEMM = new VectorMicroKernel();
    private static final MicroKernel TALL = new VectorTallMicroKernel(GEMM);
    private static final Lanes LANES = VectorLanes.fits() ? new VectorLanes() : Lanes.scalar();

    private VectorKernels() {}

    static MicroKernel gemm() { return GEMM; }

    static MicroKernel tall() { return TALL; }

    static Lanes lanes() { return LANES; }
}
