package dev.weft.tensor.ops;

/**
 * Decides, per call, whether an op may use the JDK Vector API kernels in
 * {@link dev.weft.tensor.ops.simd}.
 *
 * <p>They are used when the {@code jdk.incubator.vector} module is in the boot layer (the launcher,
 * tests and benchmarks add it) and the system property {@code weft.vector} is not {@code false}.
 * The property is read on every call, so a test can compare both paths in one JVM. No class that
 * mentions {@code jdk.incubator.vector} is loaded unless {@link #enabled()} said yes first.
 *
 * <p>Thread-safe: stateless apart from an immutable flag computed at class load.
 */
public final class Simd {
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {}

    /** True when vector kernels may run now. */
    public static boolean enabled() {
        return MODULE_PRESENT && !"false".equalsIgnoreCase(System.getProperty("weft.vector"));
    }

    /** True when the Vector API module is present at all, whatever the property says. */
    public static boolean modulePresent() { return MODULE_PRESENT; }
}
