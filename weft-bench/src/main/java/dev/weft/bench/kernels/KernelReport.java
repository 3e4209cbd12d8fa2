package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weft.bench.onnx.TinyModels;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GemmBench}, {@link ConvBench} and {@link ConvTransposeBench} in one JMH run and prints a Markdown table of weft
 * against ONNX Runtime (GFLOP/s and the time ratio). Before measuring, it checks on every conv
 * shape that both produce the same output.
 *
 * <p>Usage: {@code KernelReport [--quick] [--only REGEX] [--out FILE]}; see weft-bench/scripts/kernels.sh.
 * {@code --only} selects problems whose label, e.g. {@code GemmBench size=1024 threads=all} or
 * {@code ConvBench layer=l1_3x3_64to64_56 threads=1}, contains a match.
 */
public final class KernelReport {
    private KernelReport() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String only = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: KernelReport [--quick] [--only REGEX] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        String loadBefore = loadAverage();
        String checks = crossCheck();
        // One JMH run per problem and thread count, so that weft and ONNX Runtime are measured back to
        // back: on a shared machine the load drifts over minutes, and ratios must not absorb that.
        List<String[]> problems = new ArrayList<>();
        for (String size : new String[] {"64", "256", "1024", "2048"}) problems.add(new String[] {"GemmBench", "size", size});
        for (String layer : Shapes.CONV_ORDER) problems.add(new String[] {"ConvBench", "layer", layer});
        for (String layer : ConvTransposeBench.LAYERS) problems.add(new String[] {"ConvTransposeBench", "layer", layer});
        List<RunResult> results = new ArrayList<>();
        for (String[] problem : problems) {
            for (String threads : new String[] {"1", "all"}) {
                String label = problem[0] + " " + problem[1] + "=" + problem[2] + " threads=" + threads;
                if (only != null && !java.util.regex.Pattern.compile(only).matcher(label).find()) continue;
                ChainedOptionsBuilder opts = new OptionsBuilder()
                        .include("dev\\.weft\\.bench\\.kernels\\." + problem[0] + "\\.")
                        .param(problem[1], problem[2])
                        .param("threads", threads)
                        .forks(1)
                        .warmupIterations(quick ? 2 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1))
                        .jvmArgs("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g")
                        .shouldFailOnError(true);
                results.addAll(new Runner(opts.build()).run());
            }
        }
        String table = table(results, checks, quick, loadBefore);
        System.out.println(table);
        if (out != null) Files.writeString(out, table);
    }

    /** Runs each conv shape once on both engines and reports the largest difference. */
    private static String crossCheck() throws Exception {
        StringBuilder sb = new StringBuilder();
        double worst = 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (var e : new TreeMap<>(Shapes.CONV).entrySet()) {
            Shapes.ConvShape s = e.getValue();
            Random rnd = new Random(3);
            float[] x = new float[s.c() * s.h() * s.h()], w = new float[s.m() * s.c() * s.k() * s.k()], b = new float[s.m()];
            for (float[] a : List.of(x, w, b)) for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
            Tensor mine = Convolution.conv(Tensor.of(x, 1, s.c(), s.h(), s.h()), Tensor.of(w, s.m(), s.c(), s.k(), s.k()),
                    Tensor.of(b, s.m()), ConvParams.defaults().withStrides(s.s(), s.s()).withPads(s.p(), s.p(), s.p(), s.p()));
            try (OrtSession session = OrtSessions.open(TinyModels.conv2d(1, s.c(), s.h(), s.h(), s.m(), s.k(), s.s(), s.p(), w, b), 1);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, s.c(), s.h(), s.h()});
                 OrtSession.Result r = session.run(Map.of("X", in))) {
                FloatBuffer theirs = ((OnnxTensor) r.get(0)).getFloatBuffer();
                if (theirs.remaining() != mine.size()) throw new IllegalStateException(e.getKey() + ": output sizes differ");
                float[] ours = mine.floatData();
                for (int i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs.get(i)));
            }
        }
        sb.append(String.format(Locale.ROOT, "Cross-check: on all %d conv shapes weft and ONNX Runtime agree to %.2e (largest absolute difference).%n",
                Shapes.CONV.size(), worst));
        return sb.toString();
    }

    private record Row(String problem, double gflop, String threads, double weftUs, double ortUs) {}

    /** The 1/5/15-minute load averages (Linux), to show how busy the machine was; "unknown" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String table(Collection<RunResult> results, String checks, boolean quick, String loadBefore) {
        Map<String, double[]> times = new TreeMap<>();
        Map<String, Double> flops = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String bench = params.getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            String problem;
            double f;
            if (bench.contains("GemmBench")) {
                int n = Integer.parseInt(params.getParam("size"));
                problem = "sgemm " + n + "³";
                f = 2.0 * n * n * n;
            } else if (bench.contains("ConvTransposeBench")) {
                String layer = params.getParam("layer");
                problem = "convTranspose " + layer;
                f = ConvTransposeBench.flops(layer);
            } else {
                String layer = params.getParam("layer");
                problem = "conv " + layer;
                f = Shapes.CONV.get(layer).flops();
            }
            String key = problem + "|" + params.getParam("threads");
            if (!times.containsKey(key)) order.add(key);
            double[] t = times.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN});
            t[method.equals("weft") ? 0 : 1] = r.getPrimaryResult().getScore();
            flops.put(key, f);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
                .append(System.getProperty("java.version")).append(", ONNX Runtime ")
                .append(ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion())
                .append(quick ? ", quick mode (2 warmup + 3 measured 1 s iterations)" : ", 5 warmup 2 s + 5 measured 1 s iterations")
                .append(". \"all\" threads = ").append(Runtime.getRuntime().availableProcessors())
                .append(". Load average before the run: ").append(loadBefore).append(".\n\n");
        sb.append("Load average after the run: ").append(loadAverage()).append(".\n\n");
        sb.append(checks).append('\n');
        sb.append("| problem | GFLOP | threads | weft µs | ORT µs | weft GFLOP/s | ORT GFLOP/s | weft time / ORT time |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String key : order) {
            String[] parts = key.split("\\|");
            double[] t = times.get(key);
            double f = flops.get(key);
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                    parts[0], f / 1e9, parts[1], t[0], t[1], f / t[0] / 1e3, f / t[1] / 1e3, t[0] / t[1]));
        }
        return sb.toString();
    }
}
