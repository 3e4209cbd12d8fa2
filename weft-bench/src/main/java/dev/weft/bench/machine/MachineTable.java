package dev.weft.bench.machine;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MachineBench} and prints the README's Markdown table: µs per run of each graph on
 * each machine, and each concurrent machine's speed relative to the sequential one, all from one
 * run of JMH (this machine is noisy, so only ratios from one run are compared).
 */
public final class MachineTable {
    private MachineTable() {}

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MachineBench.class.getName())
                .build()).run();
        Map<String, Map<String, Double>> micros = new TreeMap<>();
        for (RunResult r : results) {
            String graph = r.getParams().getParam("graph");
            String machine = r.getParams().getParam("machine");
            micros.computeIfAbsent(graph, k -> new TreeMap<>()).put(machine, r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("| graph | sequential | concurrent | adaptive | sequential / concurrent | sequential / adaptive |");
        System.out.println("|---|---|---|---|---|---|");
        for (String graph : new String[] {"trivial", "ballast", "wide"}) {
            Map<String, Double> m = micros.get(graph);
            if (m == null) continue;
            double seq = m.get("sequential"), conc = m.get("concurrent"), adaptive = m.get("adaptive");
            System.out.printf("| %s | %.1f µs | %.1f µs | %.1f µs | %.2f | %.2f |%n", graph, seq, conc, adaptive,
                    seq / conc, seq / adaptive);
        }
    }
}
