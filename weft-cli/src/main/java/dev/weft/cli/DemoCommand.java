package dev.weft.cli;

import dev.weft.graph.Graph;
import dev.weft.graph.examples.ArticleGraphs;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.machine.Trace;
import dev.weft.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weft demo}: the GoMachine article's σ(W·X + b) on every machine, then a wide graph of
 * ballasted branches that shows what concurrent vertices gain. The timings are medians of
 * repeated runs after a warm-up; {@code weft-bench} has the rigorous (JMH) version.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the GoMachine article's graphs on every machine and compare them.")
final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write a Chrome trace-event timeline (open in Perfetto or chrome://tracing).")
    Path trace;

    @Option(names = "--branches", defaultValue = "8", description = "Branches of the wide graph (default: ${DEFAULT-VALUE}).")
    int branches;

    @Option(names = "--ballast-us", defaultValue = "50", description = "Busy work per branch, µs (default: ${DEFAULT-VALUE}).")
    long ballastMicros;

    @Option(names = "--runs", defaultValue = "400", description = "Timed runs per machine (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (branches < 1) throw new IllegalArgumentException("--branches must be at least 1, got " + branches);
        if (ballastMicros < 0) throw new IllegalArgumentException("--ballast-us must be >= 0, got " + ballastMicros);
        if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Function<Graph, Machine>> machines = new LinkedHashMap<>();
        machines.put("sequential", SequentialMachine::new);
        machines.put("concurrent", ConcurrentMachine::new);
        machines.put("concurrent-adaptive", g -> new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE,
                ConcurrentMachine.DEFAULT_ADAPTIVE_THRESHOLD_NANOS));
        Map<String, Tensor> ones = ArticleGraphs.ones();

        out.println("f(X) = σ(W·X + b) with W = X = b = 1");
        for (var m : machines.entrySet()) {
            try (Machine machine = m.getValue().apply(ArticleGraphs.sigmoidAffine())) {
                double f = machine.run(ones).get(ArticleGraphs.OUTPUT).getDouble(0);
                out.printf("  %-20s f = %s   median %s per run%n", m.getKey(), f, micros(median(machine, ones)));
            }
        }

        out.printf("%nwide graph: %d branches, each with a %d µs ballast, on %d cores%n",
                branches, ballastMicros, Runtime.getRuntime().availableProcessors());
        Graph wide = ArticleGraphs.wide(branches, ballastMicros);
        Trace timeline = trace == null ? null : new Trace();
        Map<String, Long> medians = new LinkedHashMap<>();
        for (var m : machines.entrySet()) {
            try (Machine machine = m.getValue().apply(wide)) {
                medians.put(m.getKey(), median(machine, ones));
                if (timeline != null) {
                    machine.trace(timeline);
                    machine.run(ones);
                    machine.trace(null);
                }
            }
        }
        long seq = medians.get("sequential");
        for (var e : medians.entrySet()) {
            out.printf("  %-20s median %s per run   sequential/this = %.2f%n",
                    e.getKey(), micros(e.getValue()), (double) seq / e.getValue());
        }
        if (timeline != null) {
            timeline.writeChromeJson(trace);
            out.println();
            out.println("trace: " + trace + " (" + timeline.events().size() + " vertex runs; open it in https://ui.perfetto.dev)");
        }
        return 0;
    }

    /** Median wall time of {@code runs} runs, after as many warm-up runs. */
    private long median(Machine machine, Map<String, Tensor> inputs) {
        for (int i = 0; i < runs; i++) machine.run(inputs);
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            machine.run(inputs);
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static String micros(long nanos) {
        return nanos >= 1_000_000 ? String.format("%.2f ms", nanos / 1e6) : String.format("%.1f µs", nanos / 1e3);
    }
}
