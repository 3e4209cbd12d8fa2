package dev.weft.machine;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The outputs of a machine's borrowed runs ({@link Machine#runBorrowed}): one read-only map that
 * every borrowed run refills, and the arrays the last one lent, which go back to the machine's pool
 * when its next run starts. A serving loop then reuses the outputs' arrays, their tensor objects
 * and the map itself, run after run.
 *
 * <p>Only arrays the run itself allocated are lent and given back: an output that is a constant, a
 * variable, or one of the caller's inputs (or a view of one) is never put in the pool, which the
 * run's {@link RunMemory} tells apart.
 *
 * <p>Not thread-safe: the machine calls it from its serialised runs only. The map is the caller's
 * to read between runs, as {@link Machine#runBorrowed} says.
 */
final class LentOutputs extends AbstractMap<String, Tensor> {
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final Tensor[] values;
    private final Tensor[] lent;
    private int lentCount;

    LentOutputs(Program program) {
        this.names = program.outputNames;
        for (int k = 0; k < names.length; k++) index.put(names[k], k);
        this.values = new Tensor[names.length];
        this.lent = new Tensor[names.length];
    }

    /** Gives the last borrowed run's arrays back to {@code pool}; called as a run starts. */
    void giveBack(BufferPool pool) {
        for (int k = 0; k < lentCount; k++) {
            pool.release(lent[k]);
            lent[k] = null;
        }
        lentCount = 0;
        java.util.Arrays.fill(values, null);
    }

    /**
     * Fills the map with this run's outputs and notes which of their arrays the run allocated.
     * Called before the run's memory is ended, while it still knows which arrays are its own.
     */
    Map<String, Tensor> lend(Program program, Tensor[][] runValues, RunMemory memory) {
        for (int k = 0; k < names.length; k++) {
            Tensor t = runValues[program.outVertex[k]][program.outPort[k]];
            values[k] = t;
            if (t != null && memory.ownsArray(t.data()) && !alreadyLent(t.data())) lent[lentCount++] = t;
        }
        return this;
    }

    private boolean alreadyLent(Object array) {
        for (int k = 0; k < lentCount; k++) if (lent[k].data() == array) return true;
        return false;
    }

    @Override
    public Tensor get(Object key) {
        Integer k = index.get(key);
        return k == null ? null : values[k];
    }

    @Override
    public boolean containsKey(Object key) { return index.containsKey(key); }

    @Override
    public int size() { return names.length; }

    @Override
    public Set<Entry<String, Tensor>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() { return names.length; }

            @Override
            public Iterator<Entry<String, Tensor>> iterator() {
                return new Iterator<>() {
                    private int k;

                    @Override
                    public boolean hasNext() { return k < names.length; }

                    @Override
                    public Entry<String, Tensor> next() {
                        if (k >= names.length) throw new NoSuchElementException();
                        Entry<String, Tensor> e = new SimpleImmutableEntry<>(names[k], values[k]);
                        k++;
                        return e;
                    }
                };
            }
        };
    }
}
