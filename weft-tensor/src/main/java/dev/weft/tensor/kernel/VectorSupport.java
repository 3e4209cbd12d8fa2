package dev.weft.tensor.kernel;

/**
 * Decides whether kernels and tensor ops use the Vector API: the one switch for all of weft-tensor.
 *
 * <p>The module check runs once; the {@code weft.vector} system property is read on every call so
 * that tests can run the vector and the scalar paths in one JVM. Set it to {@code false} to force
 * the scalar fallback. Thread-safe.
 */
public final class VectorSupport {
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {}

    /** True when the module {@code jdk.incubator.vector} is in the boot layer. */
    public static boolean modulePresent() { return MODULE_PRESENT; }

    /** True when kernels should take their Vector API paths now. */
    public static boolean enabled() {
        return MODULE_PRESENT && !"false".equalsIgnoreCase(System.getProperty("weft.vector"));
    }
}
