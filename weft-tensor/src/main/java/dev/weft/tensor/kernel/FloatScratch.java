package dev.weft.tensor.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small process-wide pool of float scratch arrays (im2col buffers, packed panels), so kernels in
 * a steady state allocate nothing. Arrays are kept in power-of-two size classes; they come back
 * dirty, so callers must not assume zeros.
 *
 * <p>Thread-safe. An array taken with {@link #take} belongs to the caller until it is given back
 * with {@link #give}; giving back an array twice, or using it afterwards, is a bug. Giving an array
 * back happens-before the {@link #take} that hands it out again (both go through one atomic slot),
 * so its next user sees every write of the previous one.
 */
public final class FloatScratch {
    private static final int CLASSES = 31;
    private static final int SLOTS = 2 * Runtime.getRuntime().availableProcessors() + 4;
    /** Per size class, SLOTS slots holding a free array or null; claimed and filled by CAS, so nothing allocates. */
    @SuppressWarnings("unchecked")
    private static final AtomicReferenceArray<float[]>[] POOL = new AtomicReferenceArray[CLASSES];

    static {
        for (int i = 0; i < CLASSES; i++) POOL[i] = new AtomicReferenceArray<>(SLOTS);
    }

    private FloatScratch() {}

    /** An array of at least {@code minLength} floats: a pooled one when free, else a new one. */
    public static float[] take(int minLength) {
        if (minLength < 0 || minLength > (1 << 30)) {
            throw new IllegalArgumentException("scratch length " + minLength + " is outside 0.." + (1 << 30));
        }
        int cls = minLength <= 16 ? 4 : 32 - Integer.numberOfLeadingZeros(minLength - 1);
        AtomicReferenceArray<float[]> slots = POOL[cls];
        for (int i = 0; i < SLOTS; i++) {
            float[] a = slots.getPlain(i);
            if (a != null && slots.compareAndSet(i, a, null)) return a;
        }
        return new float[1 << cls];
    }

    /** Returns an array from {@link #take} to the pool (dropped when its class is full). */
    public static void give(float[] a) {
        if (a == null || Integer.bitCount(a.length) != 1) return;
        int cls = Integer.numberOfTrailingZeros(a.length);
        if (cls >= CLASSES) return;
        AtomicReferenceArray<float[]> slots = POOL[cls];
        for (int i = 0; i < SLOTS; i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, a)) return;
        }
    }
}
