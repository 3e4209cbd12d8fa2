package dev.weft.tensor.kernel;

import java.util.function.Supplier;

/** Runs a kernel call with the Vector API path forced on or off (the scalar twin), in this JVM. */
final class KernelPaths {
    private KernelPaths() {}

    static <T> T with(boolean vector, Supplier<T> body) {
        String old = System.getProperty("weft.vector");
        try {
            if (vector) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", "false");
            return body.get();
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    /** {@code floor((in + pb + pe - d*(k-1) - 1) / s) + 1}, or 0 when the window does not fit. */
    static int out(int in, int k, int s, int pb, int pe, int d) {
        int span = in + pb + pe - d * (k - 1) - 1;
        return span < 0 ? 0 : span / s + 1;
    }
}
