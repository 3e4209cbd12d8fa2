package dev.weft.machine;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks, during one run, how many live values use each array, and gives an array back to the
 * machine's {@link BufferPool} when the last of them dies.
 *
 * <p>Counting arrays rather than values is what makes reuse safe: ops may return views of their
 * inputs (a reshape) or an input itself (an identity), so several values can share one array.
 * Arrays the run does not own are pinned and never released: constants, variables, the caller's
 * inputs. Graph outputs are never declared dead, so the caller keeps them.
 *
 * <p>Thread-safe: vertices on several threads report values concurrently. An array is released
 * only after the counts of every value using it reached zero, which happens after their readers
 * finished; the pool's lock then orders the release before any reuse.
 */
final class RunMemory {
    private final BufferPool pool;
    private final Set<Object> pinned = new HashSet<>();
    private final ConcurrentHashMap<Object, AtomicInteger> live = new ConcurrentHashMap<>();

    /** Arrays' equals and hashCode are identity-based, so plain hash collections key them by identity. */
    RunMemory(BufferPool pool, Tensor[] fed, Tensor[] vars, Program program) {
        this.pool = pool;
        for (Tensor t : fed) if (t != null) pinned.add(t.data());
        for (Tensor t : vars) if (t != null) pinned.add(t.data());
        for (var n : program.vertices) if (n.value() != null) pinned.add(n.value().data());
    }

    /** A vertex produced these values. */
    void produced(Tensor[] values) {
        for (Tensor t : values) {
            if (t != null && !pinned.contains(t.data())) live.computeIfAbsent(t.data(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** These values will not be read again. */
    void dead(Tensor[] values) {
        for (Tensor t : values) {
            if (t == null || pinned.contains(t.data())) continue;
            AtomicInteger count = live.get(t.data());
            if (count != null && count.decrementAndGet() == 0) {
                live.remove(t.data());
                pool.release(t.data());
            }
        }
    }
}
