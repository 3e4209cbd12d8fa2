package dev.weft.tensor.kernel;

/**
 * A small process-wide pool of float scratch arrays (packed panels, transform buffers), so kernels
 * in a steady state allocate nothing. Arrays are kept in power-of-two size classes; they come back
 * dirty, so callers must not assume zeros.
 *
 * <p>Thread-safe. An array taken with {@link #take} belongs to the caller until it is given back
 * with {@link #give}; giving back an array twice, or using it afterwards, is a bug. Giving an array
 * back happens-before the {@link #take} that hands it out again, so its next user sees every write
 * of the previous one. See {@link ScratchPool} for how.
 */
public final class FloatScratch {
    private FloatScratch() {}

    /** An array of at least {@code minLength} floats: a pooled one when free, else a new one. */
    public static float[] take(int minLength) { return ScratchPool.FLOATS.take(minLength); }

    /** Returns an array from {@link #take} to the pool (dropped when its class is full). */
    public static void give(float[] a) { ScratchPool.FLOATS.give(a); }
}
