package dev.weft.tensor.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small process-wide pool of float scratch arrays (im2col buffers, packed panels), so kernels in
 * a steady state allocate nothing. Arrays are kept in power-of-two size classes; they come back
 * dirty, so callers must not assume zeros.
 *
 * <p>Thread-safe. An array taken with {@link #take} belongs to the caller until it is given back
 * with {@link #give}; giving back an array twice, or using it afterwards, is a bug.
 */
public final class FloatScratch {
    private static final int CLASSES = 31;
    private static final int MAX_PER_CLASS = 2 * Runtime.getRuntime().availableProcessors() + 4;
    @SuppressWarnings("unchecked")
    private static final ConcurrentLinkedQueue<float[]>[] POOL = new ConcurrentLinkedQueue[CLASSES];
    private static final AtomicInteger[] COUNT = new AtomicInteger[CLASSES];

    static {
        for (int i = 0; i < CLASSES; i++) {
            POOL[i] = new ConcurrentLinkedQueue<>();
            COUNT[i] = new AtomicInteger();
        }
    }

    private FloatScratch() {}

    /** An array of at least {@code minLength} floats: a pooled one when free, else a new one. */
    public static float[] take(int minLength) {
        if (minLength < 0 || minLength > (1 << 30)) {
            throw new IllegalArgumentException("scratch length " + minLength + " is outside 0.." + (1 << 30));
        }
        int cls = minLength <= 16 ? 4 : 32 - Integer.numberOfLeadingZeros(minLength - 1);
        float[] a = POOL[cls].poll();
        if (a != null) {
            COUNT[cls].decrementAndGet();
            return a;
        }
        return new float[1 << cls];
    }

    /** Returns an array from {@link #take} to the pool (dropped when its class is full). */
    public static void give(float[] a) {
        if (a == null || Integer.bitCount(a.length) != 1) return;
        int cls = Integer.numberOfTrailingZeros(a.length);
        if (cls >= CLASSES) return;
        if (COUNT[cls].incrementAndGet() <= MAX_PER_CLASS) POOL[cls].offer(a);
        else COUNT[cls].decrementAndGet();
    }
}
