package dev.weft.machine;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Tracks, during one run, how many live values use each array, and gives an array back to the
 * machine's {@link BufferPool} when the last of them dies. One instance serves all the runs of a
 * machine: {@link #begin} and {@link #end} bracket each run.
 *
 * <p>Counting arrays rather than values is what makes reuse safe: ops may return views of their
 * inputs (a reshape) or an input itself (an identity), so several values can share one array.
 * Arrays the run does not own are pinned and never released: constants, variables, the caller's
 * inputs. Graph outputs are never declared dead, so the caller keeps them.
 *
 * <p>Implementation note: the counts live in an identity-keyed open-addressing table that the
 * runs reuse, so a steady-state run allocates nothing here. An entry stays (at count 0) after its
 * array is released until the run ends, so an array that the pool hands out again within the run
 * simply counts up from 0. Pinned arrays of the run carry the count {@link #PINNED}.
 *
 * <p>Thread-safe: vertices on several threads report values concurrently; each call holds this
 * object's lock briefly. An array is released only after the counts of every value using it
 * reached zero, which happens after their readers finished; the pool's lock then orders the
 * release before any reuse.
 */
final class RunMemory {
    private static final int PINNED = -1;

    private final BufferPool pool;
    private final Set<Object> constants = new HashSet<>();
    private Object[] keys = new Object[64];
    private int[] counts = new int[64];
    private int used;

    /** Arrays' equals and hashCode are identity-based, so a plain HashSet keys the constants by identity. */
    RunMemory(BufferPool pool, Program program) {
        this.pool = pool;
        for (var n : program.vertices) if (n.value() != null) constants.add(n.value().data());
    }

    /** Starts a run: the caller's inputs and the variables are pinned for its duration. */
    synchronized void begin(Tensor[] fed, Tensor[] vars) {
        for (Tensor t : fed) if (t != null) pin(t.data());
        for (Tensor t : vars) if (t != null) pin(t.data());
    }

    /** Ends a run, forgetting every array it saw. */
    synchronized void end() {
        if (used > 0) {
            Arrays.fill(keys, null);
            used = 0;
        }
    }

    /** A vertex produced these values. */
    void produced(Tensor[] values) {
        for (Tensor t : values) {
            if (t == null || constants.contains(t.data())) continue;
            count(t.data());
        }
    }

    /** These values will not be read again. */
    void dead(Tensor[] values) {
        for (Tensor t : values) {
            if (t == null || constants.contains(t.data())) continue;
            if (uncount(t.data())) pool.release(t);
        }
    }

    /**
     * True when {@code array} holds a live value this run allocated: not a constant, variable or
     * caller's input (those are pinned or constant), and not yet given back to the pool.
     */
    synchronized boolean ownsArray(Object array) {
        if (constants.contains(array)) return false;
        int s = find(array);
        return s >= 0 && counts[s] > 0;
    }

    private synchronized void pin(Object array) { counts[slot(array)] = PINNED; }

    private synchronized void count(Object array) {
        int s = slot(array);
        if (counts[s] != PINNED) counts[s]++;
    }

    /** True when the array's last live value died. */
    private synchronized boolean uncount(Object array) {
        int s = find(array);
        return s >= 0 && counts[s] > 0 && --counts[s] == 0;
    }

    /** The slot of {@code array}, inserting it with count 0 if absent. */
    private int slot(Object array) {
        int s = find(array);
        if (s >= 0) return s;
        if (2 * (used + 1) > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(array) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == null) {
                keys[i] = array;
                counts[i] = 0;
                used++;
                return i;
            }
        }
    }

    private int find(Object array) {
        int mask = keys.length - 1;
        for (int i = mix(array) & mask; ; i = (i + 1) & mask) {
            Object k = keys[i];
            if (k == array) return i;
            if (k == null) return -1;
        }
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new Object[oldKeys.length * 2];
        counts = new int[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == null) continue;
            int i = mix(oldKeys[j]) & mask;
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            counts[i] = oldCounts[j];
        }
    }

    private static int mix(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }
}
