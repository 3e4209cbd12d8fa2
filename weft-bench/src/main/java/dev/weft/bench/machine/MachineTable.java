package dev.weft.bench.machine;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MachineBench} and {@link ParallelControlBench} and prints the README's Markdown table:
 * the median µs per run of each graph on each machine, and each concurrent machine's speed relative to the
 * sequential one, all from one run of JMH (this machine is noisy, so only ratios from one run are
 * compared). Below it, the wide graph's control: its ballasts alone on virtual threads, and how many
 * cores they kept busy. Near 1, another process held the second core during the control, and no
 * machine could have gained on the wide graph then; the control runs right after the wide graph.
 * Each benchmark's fork also prints how long its threads waited for a core per run ({@link CoreWait}):
 * rows whose waits differ widely were measured under different loads and do not compare.
 */
public final class MachineTable {
    private MachineTable() {}

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MachineBench.class.getName())
                .include(ParallelControlBench.class.getName())
                .build()).run();
        Map<String, Map<String, Double>> micros = new TreeMap<>();
        Double control = null;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().startsWith(ParallelControlBench.class.getName())) {
                control = median(r);
                continue;
            }
            String graph = r.getParams().getParam("graph");
            String machine = r.getParams().getParam("machine");
            micros.computeIfAbsent(graph, k -> new TreeMap<>()).put(machine, median(r));
        }
        System.out.println();
        System.out.println("Median µs per run (JMH sample mode):");
        System.out.println("| graph | sequential | concurrent | adaptive | sequential / concurrent | sequential / adaptive |");
        System.out.println("|---|---|---|---|---|---|");
        for (String graph : new String[] {"trivial", "ballast", "wide"}) {
            Map<String, Double> m = micros.get(graph);
            if (m == null) continue;
            double seq = m.get("sequential"), conc = m.get("concurrent"), adaptive = m.get("adaptive");
            System.out.printf("| %s | %.1f µs | %.1f µs | %.1f µs | %.2f | %.2f |%n", graph, seq, conc, adaptive,
                    seq / conc, seq / adaptive);
        }
        if (control != null) {
            // The ballasts spin for a fixed time, so their total over the control's time is the
            // number that ran at a time: 2.0 on two free cores, 1.0 with the second one busy.
            double spun = ParallelControlBench.BRANCHES * ParallelControlBench.MICROS;
            System.out.printf("%ncontrol: the wide graph's %d ballasts of %d µs alone, one virtual thread each: %.1f µs,"
                    + " i.e. %.2f ballasts at a time on average (%d µs of ballast / %.1f µs)%n", ParallelControlBench.BRANCHES,
                    ParallelControlBench.MICROS, control, spun / control, (long) spun, control);
        }
    }

    /**
     * The median sampled run. Not the mean: on a shared computer a run now and then loses its core
     * for a scheduler period (milliseconds, against runs of microseconds), and a few such runs move
     * the mean of a whole iteration while the median stays with the typical run.
     */
    private static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }
}
