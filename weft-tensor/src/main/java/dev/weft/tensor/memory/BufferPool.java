package dev.weft.tensor.memory;

import dev.weft.tensor.DType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Free arrays by storage kind and length, for reuse by {@link dev.weft.tensor.Tensor#zeros}.
 *
 * <p>Binding: a machine runs its vertices inside {@code ScopedValue.where(BufferPool.CURRENT, pool)};
 * tensors allocated outside any binding are ordinary new arrays. Arrays handed out are always zero
 * filled, as {@code zeros} promises.
 *
 * <p>Contract for {@link #release}: the caller guarantees that nothing will read or write the array
 * again: no live tensor, view, constant or caller-visible output refers to it. Machines ensure this
 * by counting, per array, the live values that use it.
 *
 * <p>Thread-safe: vertices on several threads take and release concurrently; each call holds the
 * pool's lock briefly. A release happens-before the take that hands the same array out again.
 */
public final class BufferPool {
    /** The pool of the run in progress on this thread, if any. */
    public static final ScopedValue<BufferPool> CURRENT = ScopedValue.newInstance();

    private record Key(DType.Storage storage, int length) {}

    private final Map<Key, ArrayDeque<Object>> free = new HashMap<>();
    private long reusedBytes, allocatedBytes;

    /** A zero-filled array for a tensor of {@code dtype} with {@code length} elements, reused when possible. */
    public Object take(DType dtype, int length) {
        Object array;
        synchronized (this) {
            ArrayDeque<Object> q = free.get(new Key(dtype.storage(), length));
            array = q == null ? null : q.pollFirst();
            if (array != null) reusedBytes += (long) length * dtype.byteSize();
            else allocatedBytes += (long) length * dtype.byteSize();
        }
        if (array == null) return newArray(dtype.storage(), length);
        clear(array);
        return array;
    }

    /** Gives an array back; see the class contract. Arrays of other types are ignored. */
    public void release(Object array) {
        Key key = keyOf(array);
        if (key == null || key.length() == 0) return;
        synchronized (this) {
            free.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(array);
        }
    }

    /** Bytes handed out from reused arrays so far. */
    public synchronized long reusedBytes() { return reusedBytes; }

    /** Bytes newly allocated through this pool so far. */
    public synchronized long allocatedBytes() { return allocatedBytes; }

    /** Drops every free array (the memory goes back to the garbage collector). */
    public synchronized void clear() { free.clear(); }

    private static Key keyOf(Object a) {
        return switch (a) {
            case float[] x -> new Key(DType.Storage.FLOAT, x.length);
            case double[] x -> new Key(DType.Storage.DOUBLE, x.length);
            case long[] x -> new Key(DType.Storage.LONG, x.length);
            case int[] x -> new Key(DType.Storage.INT, x.length);
            case short[] x -> new Key(DType.Storage.SHORT, x.length);
            case byte[] x -> new Key(DType.Storage.BYTE, x.length);
            default -> null;
        };
    }

    private static Object newArray(DType.Storage s, int n) {
        return switch (s) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case LONG -> new long[n];
            case INT -> new int[n];
            case SHORT -> new short[n];
            case BYTE -> new byte[n];
        };
    }

    private static void clear(Object a) {
        switch (a) {
            case float[] x -> Arrays.fill(x, 0f);
            case double[] x -> Arrays.fill(x, 0d);
            case long[] x -> Arrays.fill(x, 0L);
            case int[] x -> Arrays.fill(x, 0);
            case short[] x -> Arrays.fill(x, (short) 0);
            case byte[] x -> Arrays.fill(x, (byte) 0);
            default -> throw new AssertionError(a);
        }
    }
}
