package dev.weft.tensor.memory;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Free arrays by storage kind and length, for reuse by {@link dev.weft.tensor.Tensor#zeros} and
 * {@link dev.weft.tensor.Tensor#uninitialized}.
 *
 * <p>Binding: a machine runs its vertices inside {@code ScopedValue.where(BufferPool.CURRENT, pool)};
 * tensors allocated outside any binding are ordinary new arrays. {@link #take} hands out arrays
 * zero filled, as {@code zeros} promises; {@link #takeDirty} hands out a reused array as it was
 * left, for a caller that writes every element before reading any.
 *
 * <p>Contract for {@link #release}: the caller guarantees that nothing will read or write the array
 * again: no live tensor, view, constant or caller-visible output refers to it. Machines ensure this
 * by counting, per array, the live values that use it.
 *
 * <p>Tensor objects are pooled with their arrays: {@link #release(Tensor)} keeps the tensor it is
 * given, and {@link #takeEntry}/{@link #takeDirtyEntry} hand it back with the array, so that
 * {@link dev.weft.tensor.Tensor#uninitialized} can return that object again when it asks for the
 * same dtype and shape. In a steady-state run, where every vertex asks for what it asked for the
 * run before, no tensor object is allocated either. Reusing the object is as safe as reusing its
 * array: a tensor is a view of its array, and the release contract already says nobody uses it.
 *
 * <p>Thread-safe: vertices on several threads take and release concurrently; each call holds the
 * pool's lock briefly. A release happens-before the take that hands the same array out again.
 * Taking and releasing a length seen before allocates nothing.
 */
public final class BufferPool {
    /** The pool of the run in progress on this thread, if any. */
    public static final ScopedValue<BufferPool> CURRENT = ScopedValue.newInstance();

    private static final DType.Storage[] STORAGES = DType.Storage.values();

    /**
     * With {@code -Dweft.poisonDirty=true}, {@link #takeDirty} fills a reused array with NaN (or
     * a bit pattern for integers), so that an op which reads an uninitialised output before
     * writing it shows up as wrong results in tests rather than as rare stale values.
     */
    private static final boolean POISON = Boolean.getBoolean("weft.poisonDirty");

    /** Per storage kind, free arrays by length (open addressing on the length). */
    private final ByLength[] free = new ByLength[STORAGES.length];
    private long reusedBytes, allocatedBytes;

    /** An empty pool. */
    public BufferPool() {
        for (int s = 0; s < free.length; s++) free[s] = new ByLength();
    }

    /** A zero-filled array for a tensor of {@code dtype} with {@code length} elements, reused when possible. */
    public Object take(DType dtype, int length) { return arrayOf(takeEntry(dtype, length)); }

    /**
     * Like {@link #take}, but a reused array released with {@link #release(Tensor)} comes back as
     * that tensor (its array zero filled): the caller gets either a new or reused array, or a
     * tensor over a whole reused array of {@code length} elements.
     */
    public Object takeEntry(DType dtype, int length) {
        Object entry = poll(dtype, length);
        if (entry == null) return newArray(dtype.storage(), length);
        clear(arrayOf(entry));
        return entry;
    }

    /**
     * An array for a tensor of {@code dtype} with {@code length} elements whose contents are
     * unspecified: a reused array keeps whatever its last user wrote. Only for a caller that
     * writes every element before it reads any, or lets anything else see the array.
     */
    public Object takeDirty(DType dtype, int length) { return arrayOf(takeDirtyEntry(dtype, length)); }

    /** {@link #takeDirty}, handing a reused array back as the tensor it was released with, as {@link #takeEntry} does. */
    public Object takeDirtyEntry(DType dtype, int length) {
        Object entry = poll(dtype, length);
        if (entry == null) return newArray(dtype.storage(), length);
        if (POISON) poison(arrayOf(entry));
        return entry;
    }

    private Object poll(DType dtype, int length) {
        synchronized (this) {
            ArrayDeque<Object> q = free[dtype.storage().ordinal()].get(length);
            Object array = q == null ? null : q.pollFirst();
            if (array != null) reusedBytes += (long) length * dtype.byteSize();
            else allocatedBytes += (long) length * dtype.byteSize();
            return array;
        }
    }

    /** Gives an array back; see the class contract. Arrays of other types are ignored. */
    public void release(Object array) { put(array, array); }

    /**
     * Gives back the array of {@code value} and keeps {@code value} itself to hand out again with
     * it (see the class comment); the contract of {@link #release(Object)} applies to the array.
     */
    public void release(Tensor value) { put(value.data(), value); }

    private void put(Object array, Object entry) {
        DType.Storage storage = storageOf(array);
        if (storage == null) return;
        int length = java.lang.reflect.Array.getLength(array);
        if (length == 0) return;
        synchronized (this) {
            free[storage.ordinal()].getOrCreate(length).addFirst(entry);
        }
    }

    private static Object arrayOf(Object entry) { return entry instanceof Tensor t ? t.data() : entry; }

    /** Bytes handed out from reused arrays so far. */
    public synchronized long reusedBytes() { return reusedBytes; }

    /** Bytes newly allocated through this pool so far. */
    public synchronized long allocatedBytes() { return allocatedBytes; }

    /** Drops every free array (the memory goes back to the garbage collector). */
    public synchronized void clear() {
        for (int s = 0; s < free.length; s++) free[s] = new ByLength();
    }

    private static DType.Storage storageOf(Object a) {
        return switch (a) {
            case float[] x -> DType.Storage.FLOAT;
            case double[] x -> DType.Storage.DOUBLE;
            case long[] x -> DType.Storage.LONG;
            case int[] x -> DType.Storage.INT;
            case short[] x -> DType.Storage.SHORT;
            case byte[] x -> DType.Storage.BYTE;
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

    private static void poison(Object a) {
        switch (a) {
            case float[] x -> Arrays.fill(x, Float.NaN);
            case double[] x -> Arrays.fill(x, Double.NaN);
            case long[] x -> Arrays.fill(x, 0x5A5A5A5A5A5A5A5AL);
            case int[] x -> Arrays.fill(x, 0x5A5A5A5A);
            case short[] x -> Arrays.fill(x, (short) 0x5A5A);
            case byte[] x -> Arrays.fill(x, (byte) 0x5A);
            default -> throw new AssertionError(a);
        }
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

    /**
     * A map from array length to a stack of free arrays, with int keys in an open-addressing table
     * so lookups allocate nothing (a {@code Map<Integer, ...>} would box lengths over 127).
     * Guarded by the pool's lock.
     */
    private static final class ByLength {
        private int[] lengths = new int[16];
        private ArrayDeque<?>[] queues = new ArrayDeque<?>[16];
        private int size;

        @SuppressWarnings("unchecked")
        ArrayDeque<Object> get(int length) {
            int mask = lengths.length - 1;
            for (int i = mix(length) & mask; ; i = (i + 1) & mask) {
                if (queues[i] == null) return null;
                if (lengths[i] == length) return (ArrayDeque<Object>) queues[i];
            }
        }

        ArrayDeque<Object> getOrCreate(int length) {
            ArrayDeque<Object> q = get(length);
            if (q != null) return q;
            if (2 * (size + 1) > lengths.length) grow();
            q = new ArrayDeque<>();
            put(length, q);
            size++;
            return q;
        }

        private void put(int length, ArrayDeque<?> q) {
            int mask = lengths.length - 1;
            int i = mix(length) & mask;
            while (queues[i] != null) i = (i + 1) & mask;
            lengths[i] = length;
            queues[i] = q;
        }

        private void grow() {
            int[] oldLengths = lengths;
            ArrayDeque<?>[] oldQueues = queues;
            lengths = new int[oldLengths.length * 2];
            queues = new ArrayDeque<?>[lengths.length];
            for (int j = 0; j < oldLengths.length; j++) if (oldQueues[j] != null) put(oldLengths[j], oldQueues[j]);
        }

        private static int mix(int length) {
            int h = length * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
