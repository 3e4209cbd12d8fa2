package dev.weft.tensor.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A process-wide pool of primitive work arrays in power-of-two size classes, so kernels in a
 * steady state allocate nothing. {@link FloatScratch} is the public face for float arrays;
 * {@link #INTS} holds int tables (convolution tap offsets).
 *
 * <p>Thread-safe and allocation-free: each size class has a few slots, each holding a free array or
 * null, claimed and filled by compare-and-set. Giving an array back happens-before the take that
 * hands it out again (both go through one atomic slot). Arrays come back dirty.
 *
 * <p>Implementation note. Each slot sits on a cache line of its own, and a thread starts its search
 * at a slot picked by its id, so threads taking and giving arrays of one class (Winograd's
 * per-channel transforms do so hundreds of times per convolution) mostly touch different lines.
 * With all of a class's slots on one line, JFR put 12% of a two-thread 256-channel 14×14 Winograd
 * convolution in {@code take}: the line moved between the cores on every call.
 */
final class ScratchPool<A> {
    private static final int CLASSES = 31;
    private static final int SLOTS = 2 * Runtime.getRuntime().availableProcessors() + 4;
    /** Array elements between two slots: 16 compressed references fill a 64-byte line. */
    private static final int STRIDE = 16;

    // After SLOTS: static fields initialise in order.
    static final ScratchPool<float[]> FLOATS = new ScratchPool<>(float[]::new, a -> a.length);
    static final ScratchPool<int[]> INTS = new ScratchPool<>(int[]::new, a -> a.length);

    private final IntFunction<A> create;
    private final ToIntFunction<A> length;
    private final AtomicReferenceArray<A>[] pool;

    @SuppressWarnings("unchecked")
    private ScratchPool(IntFunction<A> create, ToIntFunction<A> length) {
        this.create = create;
        this.length = length;
        this.pool = new AtomicReferenceArray[CLASSES];
        for (int i = 0; i < CLASSES; i++) pool[i] = new AtomicReferenceArray<>(SLOTS * STRIDE);
    }

    /** An array of at least {@code minLength} elements: a pooled one when free, else a new one. */
    A take(int minLength) {
        if (minLength < 0 || minLength > (1 << 30)) {
            throw new IllegalArgumentException("scratch length " + minLength + " is outside 0.." + (1 << 30));
        }
        int cls = minLength <= 16 ? 4 : 32 - Integer.numberOfLeadingZeros(minLength - 1);
        AtomicReferenceArray<A> slots = pool[cls];
        int first = home();
        for (int j = 0; j < SLOTS; j++) {
            int i = (first + j) % SLOTS * STRIDE;
            A a = slots.getPlain(i);
            if (a != null && slots.compareAndSet(i, a, null)) return a;
        }
        return create.apply(1 << cls);
    }

    /** Returns an array from {@link #take} (dropped when its class is full, or when it did not come from here). */
    void give(A a) {
        if (a == null) return;
        int len = length.applyAsInt(a);
        if (Integer.bitCount(len) != 1) return;
        int cls = Integer.numberOfTrailingZeros(len);
        if (cls >= CLASSES) return;
        AtomicReferenceArray<A> slots = pool[cls];
        int first = home();
        for (int j = 0; j < SLOTS; j++) {
            int i = (first + j) % SLOTS * STRIDE;
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, a)) return;
        }
    }

    /** The slot where the calling thread starts looking, the same on every call. */
    private static int home() {
        return (int) Math.floorMod(Thread.currentThread().threadId(), (long) SLOTS);
    }
}
