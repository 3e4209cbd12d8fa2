package dev.weft.cli;

import dev.weft.cli.bench.ModelBench;
import dev.weft.cli.bench.ModelRunner;
import dev.weft.cli.bench.OpProfile;
import dev.weft.cli.bench.PeerProvider;
import dev.weft.cli.bench.WeftRunner;
import dev.weft.onnx.InputSpec;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft bench MODEL_DIR...}: whole-model latency, optionally side by side with a peer engine
 * (ONNX Runtime, in its sequential and parallel modes) in the same process, alternating runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time whole models (a folder with model.onnx and test_data_set_0, or a .onnx file), optionally against ONNX Runtime.")
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL_DIR", description = "Model folders or .onnx files.")
    List<Path> models;

    @Option(names = "--machine", defaultValue = "concurrent", paramLabel = "sequential|concurrent|all",
            description = "weft machine(s) to time (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--vs", paramLabel = "PEER", description = "Also time a peer engine: onnxruntime.")
    String vs;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "...and for at least this long (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--runs", defaultValue = "30", description = "Timed rounds; each runs every engine once (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads for the peer (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--peer-spinning", defaultValue = "on", paramLabel = "on|off",
            description = "Whether the peer's idle threads spin-wait, as ONNX Runtime's do by default (default: ${DEFAULT-VALUE}). "
                    + "In one process they keep spinning on the cores the next runner needs.")
    String peerSpinning;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as a JSON array.")
    Path json;

    @Option(names = "--profile", defaultValue = "0", paramLabel = "N",
            description = "After timing, profile N more runs of weft's first machine and of the peer's sequential mode, "
                    + "and print milliseconds per run by op type (default: no profile).")
    int profile;

    @Override
    public Integer call() throws Exception {
        List<String> machines = switch (machine) {
            case "sequential", "concurrent" -> List.of(machine);
            case "all" -> List.of("sequential", "concurrent");
            default -> throw new IllegalArgumentException("--machine must be sequential, concurrent or all, not '" + machine + "'");
        };
        if (runs < 1 || warmup < 0 || threads < 1 || profile < 0) {
            throw new IllegalArgumentException("--runs and --threads must be >= 1, --warmup and --profile >= 0");
        }
        if (!peerSpinning.equals("on") && !peerSpinning.equals("off")) {
            throw new IllegalArgumentException("--peer-spinning must be on or off, not '" + peerSpinning + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PeerProvider peer = vs == null ? null : findPeer(out);
        String loadBefore = loadAverage();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> paired = new ArrayList<>();
        List<String> columns = null;
        Map<String, List<OpProfile>> profiles = new LinkedHashMap<>();
        for (Path dir : models) {
            Path file = Files.isDirectory(dir) ? dir.resolve("model.onnx") : dir;
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(dir + ": no model.onnx there");
            String name = Files.isDirectory(dir) ? dir.getFileName().toString() : file.getFileName().toString();
            OnnxModel model = OnnxModel.load(file);
            Map<String, Tensor> inputs = inputs(model, file.getParent());
            List<ModelRunner> runners = new ArrayList<>();
            try {
                for (String m : machines) runners.add(new WeftRunner(model, m, inputs));
                if (peer != null) runners.addAll(peer.runners(file, inputs, threads, peerSpinning.equals("on")));
                ModelBench.Measurement measured = ModelBench.measure(runners, warmup, warmupSeconds, runs);
                List<ModelBench.Timing> timings = measured.timings();
                if (columns == null) {
                    columns = timings.stream().map(ModelBench.Timing::runner).toList();
                    printHeader(out, columns);
                }
                rows.add(row(out, name, measured));
                paired.add(pairedRow(name, measured, rows.getLast()));
                if (profile > 0) profiles.put(name, profiles(runners));
            } finally {
                for (ModelRunner r : runners) r.close();
            }
        }
        out.printf("median (min) ms per timed run over %d alternating rounds (each runner: an untimed run, then a timed one), after at least %d warm-up rounds and %.1f s, "
                        + "then until a weft run allocated at most %.0f%% of its activations (at most %.0f s more); %d cores%n",
                runs, warmup, warmupSeconds, 100 * ModelBench.SETTLED_SHARE, ModelBench.SETTLE_SECONDS_MAX, Runtime.getRuntime().availableProcessors());
        printPaired(out, columns, paired);
        // Medians of multi-threaded runs move with whatever else holds the cores: say how busy they were.
        out.printf("load average (1 min) before: %s, after: %s%n", loadBefore, loadAverage());
        out.println("weft runs with Machine.runBorrowed (outputs lent until the next run, as a serving loop reads them); heap bytes count every thread");
        for (Map<String, Object> r : rows) {
            String warning = heapWarning((String) r.get("model"), (Long) r.get("weft_heap_bytes_per_run"),
                    (Long) r.get("weft_activation_bytes_per_run"));
            if (warning != null) out.println(warning);
        }
        for (var e : profiles.entrySet()) {
            out.println();
            OpProfile.print(out, e.getKey(), e.getValue());
        }
        if (!profiles.isEmpty()) {
            out.printf("ms per run inside each op type's kernels: each node's median over %d alternating runs after the timed rounds, summed by type; on the concurrent machine vertices overlap%n", profile);
        }
        if (json != null) Files.writeString(json, Json.array(rows), StandardCharsets.UTF_8);
        return 0;
    }

    /**
     * One profile per runner that can give one (weft's first machine, not its second), made in
     * alternating rounds as the timings are, so that load on the machine meanwhile skews no engine's
     * profile more than another's.
     */
    private List<OpProfile> profiles(List<ModelRunner> runners) throws Exception {
        List<ModelRunner.Profiler> profilers = new ArrayList<>();
        boolean weftSeen = false;
        for (ModelRunner r : runners) {
            boolean weft = r.name().startsWith("weft");
            if (weft && weftSeen) continue;
            weftSeen |= weft;
            ModelRunner.Profiler p = r.profiler();
            if (p != null) profilers.add(p);
        }
        for (int round = 0; round < profile; round++) {
            for (ModelRunner.Profiler p : profilers) p.runOnce();
        }
        List<OpProfile> list = new ArrayList<>();
        for (ModelRunner.Profiler p : profilers) list.add(p.finish(profile));
        return list;
    }

    /** The 1-minute load average (Linux's /proc/loadavg), or "unknown" where there is none. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private PeerProvider findPeer(PrintWriter out) {
        for (PeerProvider p : ServiceLoader.load(PeerProvider.class)) {
            if (p.name().equals(vs)) return p;
        }
        if (!vs.equals("onnxruntime")) throw new IllegalArgumentException("unknown peer '" + vs + "'; the peer weft knows is onnxruntime");
        out.println("weft bench: ONNX Runtime is not available here (it comes with the weft-bench module); measuring weft alone");
        return null;
    }

    /** The model's inputs from test_data_set_0 beside it (input_K.pb, named by the model's input order). */
    private static Map<String, Tensor> inputs(OnnxModel model, Path dir) throws Exception {
        Path set = dir.resolve("test_data_set_0");
        if (!Files.isDirectory(set)) throw new IllegalArgumentException(dir + ": no test_data_set_0 with inputs to time the model on");
        List<InputSpec> specs = model.inputs();
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int k = 0; k < specs.size(); k++) {
            Path f = set.resolve("input_" + k + ".pb");
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException(set + ": missing " + f.getFileName() + " for input '" + specs.get(k).name() + "'");
            feeds.put(specs.get(k).name(), TensorFiles.read(f, specs.get(k).name()).values().iterator().next());
        }
        model.checkInputs(feeds);
        return feeds;
    }

    private static void printHeader(PrintWriter out, List<String> columns) {
        StringBuilder h = new StringBuilder("| model |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String c : columns) {
            h.append(' ').append(c).append(" |");
            rule.append("---|");
        }
        String weft = columns.get(0);
        for (String c : columns) {
            if (c.startsWith("weft")) continue;
            h.append(' ').append(weft).append(" / ").append(c).append(" |");
            rule.append("---|");
        }
        h.append(" ").append(weft).append(" heap bytes per run (of activations) |");
        rule.append("---|");
        out.println(h);
        out.println(rule);
    }

    private static Map<String, Object> row(PrintWriter out, String model, ModelBench.Measurement measured) {
        List<ModelBench.Timing> timings = measured.timings();
        StringBuilder line = new StringBuilder("| ").append(model).append(" |");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model);
        for (ModelBench.Timing t : timings) {
            line.append(String.format(Locale.ROOT, " %s (%s) |", ms(t.medianMs()), ms(t.minMs())));
            String key = key(t.runner());
            json.put(key + "_median_ms", t.medianMs());
            json.put(key + "_min_ms", t.minMs());
        }
        ModelBench.Timing weft = timings.get(0);
        json.put("weft_machine", weft.runner().substring("weft ".length()));
        json.put("weft_median_ms", weft.medianMs());
        json.put("weft_min_ms", weft.minMs());
        for (ModelBench.Timing t : timings) {
            if (t.runner().startsWith("weft")) continue;
            double ratio = weft.medianMs() / t.medianMs();
            line.append(String.format(Locale.ROOT, " %.2f |", ratio));
        }
        json.put("weft_heap_bytes_per_run", weft.allocatedBytesPerRun());
        json.put("weft_activation_bytes_per_run", weft.activationBytesPerRun());
        line.append(String.format(Locale.ROOT, " %s (%.2f%% of %s) |", bytes(weft.allocatedBytesPerRun()),
                100.0 * weft.allocatedBytesPerRun() / Math.max(1, weft.activationBytesPerRun()), bytes(weft.activationBytesPerRun())));
        out.println(line);
        out.flush();
        return json;
    }

    private static String key(String runner) {
        return runner.toLowerCase(Locale.ROOT).replace("ort ", "ort_").replace(' ', '_');
    }

    /**
     * Each weft machine over each peer runner, round by round ({@link ModelBench.PairedRatio}), into
     * the model's JSON object (as {@code weft_MACHINE_over_PEER_paired}, with {@code _q1} and
     * {@code _q3}), and as a row of the paired table; null without a peer.
     */
    private static String pairedRow(String model, ModelBench.Measurement measured, Map<String, Object> json) {
        List<ModelBench.Timing> timings = measured.timings();
        StringBuilder line = new StringBuilder("| ").append(model).append(" |");
        boolean any = false;
        for (int i = 0; i < timings.size(); i++) {
            if (!timings.get(i).runner().startsWith("weft")) continue;
            for (int j = 0; j < timings.size(); j++) {
                String peer = timings.get(j).runner();
                if (peer.startsWith("weft")) continue;
                ModelBench.PairedRatio p = measured.paired(i, j);
                String key = key(timings.get(i).runner()) + "_over_" + key(peer) + "_paired";
                json.put(key, p.median());
                json.put(key + "_q1", p.lowerQuartile());
                json.put(key + "_q3", p.upperQuartile());
                line.append(String.format(Locale.ROOT, " %.2f (%.2f–%.2f) |", p.median(), p.lowerQuartile(), p.upperQuartile()));
                any = true;
            }
        }
        return any ? line.toString() : null;
    }

    /** The paired table: each weft machine over each peer runner, median of per-round ratios. */
    private static void printPaired(PrintWriter out, List<String> columns, List<String> lines) {
        if (columns == null || lines.stream().allMatch(java.util.Objects::isNull)) return;
        StringBuilder h = new StringBuilder("| model |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String w : columns) {
            if (!w.startsWith("weft")) continue;
            for (String c : columns) {
                if (c.startsWith("weft")) continue;
                h.append(' ').append(w).append(" / ").append(c).append(", per round |");
                rule.append("---|");
            }
        }
        out.println();
        out.println(h);
        out.println(rule);
        for (String l : lines) if (l != null) out.println(l);
        out.println("median (quartiles) of the ratios of the two runs in each round: they ran one after the other, so a slow spell of the machine that spans a round cancels");
    }

    /**
     * A warning when a model allocates more than 1% of its activation bytes and more than 64 KB per
     * run after warm-up, else null. That has meant Vector API kernels running the API's allocating
     * Java code instead of compiled vector code: before C2 has compiled them (a warm-up too short),
     * or because C2 gave up on one (docs/kernels.md, implementation notes), ten to a hundred times
     * slower with no other sign. Small models stay below 64 KB: their floor is the result tensors a
     * run hands back.
     */
    static String heapWarning(String model, long heapPerRun, long activationsPerRun) {
        if (activationsPerRun <= 0 || ModelBench.settled(heapPerRun, activationsPerRun)) return null;
        return String.format(Locale.ROOT, "warning: %s allocated %s per run (%.1f%% of its activations): the warm-up was too "
                + "short for the JIT, or a vector kernel runs the Vector API's Java fallback (see docs/kernels.md)", model, bytes(heapPerRun),
                100.0 * heapPerRun / activationsPerRun);
    }

    private static String bytes(long b) {
        return b >= 10_000_000 ? (b / 1_000_000) + " MB" : b >= 10_000 ? (b / 1000) + " KB" : b + " B";
    }

    private static String ms(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Just enough JSON for flat objects of strings and numbers. */
    static final class Json {
        private Json() {}

        static String array(List<Map<String, Object>> rows) {
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < rows.size(); i++) {
                sb.append("  {");
                int k = 0;
                for (var e : rows.get(i).entrySet()) {
                    if (k++ > 0) sb.append(", ");
                    sb.append('"').append(e.getKey()).append("\": ");
                    if (e.getValue() instanceof Number n) sb.append(String.format(Locale.ROOT, "%.6g", n.doubleValue()));
                    else sb.append('"').append(String.valueOf(e.getValue()).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
                sb.append(i + 1 < rows.size() ? "},\n" : "}\n");
            }
            return sb.append("]\n").toString();
        }
    }

}
