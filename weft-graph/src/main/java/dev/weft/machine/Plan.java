package dev.weft.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Which thread runs which vertex: {@code vertices[t]} lists thread t's vertices in topological
 * order, and {@code threadOf[v]} inverts it. Immutable.
 */
record Plan(int[][] vertices, int[] threadOf) {

    int threads() { return vertices.length; }

    /** One thread per vertex: the article's design. */
    static Plan perVertex(Program p) {
        int n = p.size();
        int[][] vs = new int[n][];
        int[] of = new int[n];
        for (int v = 0; v < n; v++) {
            vs[v] = new int[] {v};
            of[v] = v;
        }
        return new Plan(vs, of);
    }

    /** Every vertex on one thread; used to measure vertices before partitioning adaptively. */
    static Plan single(Program p) {
        int n = p.size();
        int[] all = new int[n];
        for (int v = 0; v < n; v++) all[v] = v;
        return new Plan(new int[][] {all}, new int[n]);
    }

    /**
     * Heavy vertices (measured at or above {@code threshold} ns) each start a thread; a cheap op joins
     * the thread of its latest heavy-or-joined producer (thread 0 if it reads only leaves), and a
     * leaf joins the thread of its first reader. Any assignment is deadlock-free (see
     * {@link ConcurrentMachine}); this one keeps chains of cheap ops off the channels.
     */
    static Plan adaptive(Program p, long[] costNanos, long threshold) {
        int n = p.size();
        int[] of = new int[n];
        java.util.Arrays.fill(of, -1);
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
        return new Plan(kept.toArray(int[][]::new), of);
    }
}
