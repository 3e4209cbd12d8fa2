package dev.weft.machine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which thread runs which vertex: {@code vertices[t]} lists thread t's vertices in topological
 * order, {@code threadOf[v]} inverts it, and {@code wakes[v]} lists the other threads that read
 * vertex v (so v's producer wakes them when v is done). Immutable.
 */
record Plan(int[][] vertices, int[] threadOf, int[][] wakes) {

    int threads() { return vertices.length; }

    /** True when input slot {@code s} of vertex {@code v} comes from another thread. */
    boolean crosses(Program p, int v, int s) {
        int in = p.inVertex[v][s];
        return in >= 0 && threadOf[in] != threadOf[v];
    }

    /** One thread per vertex: the article's design. */
    static Plan perVertex(Program p) {
        int n = p.size();
        int[][] vs = new int[n][];
        int[] of = new int[n];
        for (int v = 0; v < n; v++) {
            vs[v] = new int[] {v};
            of[v] = v;
        }
        return of(p, vs, of);
    }

    /** Every vertex on one thread: the chain the calling thread runs as a tape. */
    static Plan single(Program p) {
        int n = p.size();
        int[] all = new int[n];
        for (int v = 0; v < n; v++) all[v] = v;
        return of(p, new int[][] {all}, new int[n]);
    }

    /**
     * Heavy vertices (measured at or above {@code threshold} ns) each start a thread; a cheap op joins
     * the thread of its latest heavy-or-joined producer (thread 0 if it reads only leaves), and a
     * leaf joins the thread of its first reader. Any assignment is deadlock-free (see
     * {@link ConcurrentMachine}); this one keeps chains of cheap ops off the channels.
     *
     * <p>When no two heavy vertices can overlap (each depends on the one before it), threads could
     * only hand work along a chain, so the plan is {@link #single}: one thread, no hand-offs.
     */
    static Plan adaptive(Program p, long[] costNanos, long threshold) {
        int n = p.size();
        if (!heavyCanOverlap(p, costNanos, threshold)) return single(p);
        int[] of = new int[n];
        Arrays.fill(of, -1);
        int threads = 1;
        for (int v = 0; v < n; v++) {
            boolean leaf = p.inVertex[v].length == 0;
            if (leaf) continue;
            if (costNanos[v] >= threshold) {
                of[v] = threads++;
                continue;
            }
            int latest = -1;
            for (int in : p.inVertex[v]) {
                if (in >= 0 && of[in] >= 0 && in > latest) latest = in;
            }
            of[v] = latest >= 0 ? of[latest] : 0;
        }
        for (int v = 0; v < n; v++) {
            if (of[v] >= 0) continue;
            Program.Edge[] out = p.edgesOut[v];
            of[v] = out.length > 0 ? of[out[0].consumer()] : 0;
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int t = 0; t < threads; t++) lists.add(new ArrayList<>());
        for (int v = 0; v < n; v++) lists.get(of[v]).add(v);
        // Drop threads left empty (thread 0 when every op is heavy) and renumber.
        List<int[]> kept = new ArrayList<>();
        int[] renumber = new int[threads];
        for (int t = 0; t < threads; t++) {
            if (lists.get(t).isEmpty()) continue;
            renumber[t] = kept.size();
            kept.add(lists.get(t).stream().mapToInt(Integer::intValue).toArray());
        }
        for (int v = 0; v < n; v++) of[v] = renumber[of[v]];
        return of(p, kept.toArray(int[][]::new), of);
    }

    /**
     * True when two heavy op vertices exist neither of which depends on the other. Heavy vertices in
     * topological order all lie on one dependency chain exactly when each is an ancestor of the next.
     */
    static boolean heavyCanOverlap(Program p, long[] costNanos, long threshold) {
        int n = p.size();
        BitSet[] ancestors = new BitSet[n];
        int previousHeavy = -1;
        for (int v = 0; v < n; v++) {
            BitSet a = new BitSet(v);
            for (int in : p.inVertex[v]) {
                if (in < 0) continue;
                a.set(in);
                a.or(ancestors[in]);
            }
            ancestors[v] = a;
            if (p.inVertex[v].length == 0 || costNanos[v] < threshold) continue;
            if (previousHeavy >= 0 && !a.get(previousHeavy)) return true;
            previousHeavy = v;
        }
        return false;
    }

    private static Plan of(Program p, int[][] vertices, int[] threadOf) {
        int n = p.size();
        int[][] wakes = new int[n][];
        for (int v = 0; v < n; v++) {
            BitSet readers = new BitSet();
            for (Program.Edge e : p.edgesOut[v]) {
                int t = threadOf[e.consumer()];
                if (t != threadOf[v]) readers.set(t);
            }
            wakes[v] = readers.stream().toArray();
        }
        return new Plan(vertices, threadOf, wakes);
    }
}
