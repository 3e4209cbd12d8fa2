package dev.weft.bench.machine;

import dev.weft.graph.Graph;
import dev.weft.graph.examples.ArticleGraphs;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shows what the other processes on a shared computer do to the wide graph: runs it on the
 * sequential and the per-vertex machine in alternating runs, and for each run records its time and
 * how long this JVM's threads waited for a core meanwhile ({@link CoreWait}). Runs are then grouped
 * by that wait. On two free cores the per-vertex machine's runs wait little and beat the tape's;
 * where another process holds a core, its threads (parked between hand-offs, so woken again and
 * again) wait for one in nearly every run, while the tape's one thread keeps its core.
 *
 * <p>Usage: {@code weft-bench/scripts/bench-java.sh dev.weft.bench.machine.LoadProbe [RUNS]}
 * (Linux only: it reads {@code /proc/self/task/TID/schedstat}). Not a JMH benchmark: reading the
 * wait between runs costs more than a run, so the runs are timed one by one.
 */
public final class LoadProbe {
    private LoadProbe() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        if (runs < 2) throw new IllegalArgumentException("RUNS must be at least 2, got " + runs);
        if (CoreWait.nanos() < 0) throw new IllegalStateException("cannot read /proc/self/task/*/schedstat (not Linux?)");
        Graph g = ArticleGraphs.wide(ParallelControlBench.BRANCHES, ParallelControlBench.MICROS);
        Map<String, Tensor> in = ArticleGraphs.ones();
        String[] names = {"sequential", "concurrent"};
        try (Machine seq = new SequentialMachine(g); Machine conc = new ConcurrentMachine(g)) {
            Machine[] machines = {seq, conc};
            for (int i = 0; i < 2000; i++) {
                for (Machine m : machines) m.run(in);
            }
            List<List<long[]>> rows = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < runs; i++) {
                int k = i % 2;
                long w0 = CoreWait.nanos();
                long t0 = System.nanoTime();
                machines[k].run(in);
                long took = System.nanoTime() - t0;
                rows.get(k).add(new long[] {took, CoreWait.nanos() - w0});
            }
            long[] bounds = {0, 20_000, 100_000, 300_000, Long.MAX_VALUE};
            System.out.println("| machine | threads waited for a core during the run | runs | median µs per run |");
            System.out.println("|---|---|---|---|");
            for (int k = 0; k < 2; k++) {
                for (int b = 0; b + 1 < bounds.length; b++) {
                    long lo = bounds[b], hi = bounds[b + 1];
                    long[] times = rows.get(k).stream().filter(r -> r[1] >= lo && r[1] < hi).mapToLong(r -> r[0]).sorted().toArray();
                    if (times.length == 0) continue;
                    String range = hi == Long.MAX_VALUE ? "≥ " + lo / 1000 + " µs" : lo / 1000 + "–" + hi / 1000 + " µs";
                    System.out.printf("| %s | %s | %d | %.1f |%n", names[k], range, times.length, times[times.length / 2] / 1e3);
                }
                long[] all = rows.get(k).stream().mapToLong(r -> r[0]).sorted().toArray();
                System.out.printf("| %s | all | %d | %.1f |%n", names[k], all.length, all[all.length / 2] / 1e3);
            }
        }
    }
}
