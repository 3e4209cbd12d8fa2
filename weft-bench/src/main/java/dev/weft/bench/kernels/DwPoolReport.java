package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weft.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DepthwiseBench} and {@link PoolBench} and prints a Markdown table of weft against ONNX
 * Runtime (µs and the time ratio), after checking on every shape that both compute the same output.
 * Each problem is one JMH run (weft and ORT back to back, one fork), so that ratios do not absorb
 * load drifting over minutes on a shared machine.
 *
 * <p>Usage: {@code DwPoolReport [--quick] [--interleaved] [--only REGEX] [--out FILE]}; see weft-bench/scripts/dwpool.sh.
 * {@code --interleaved} skips JMH and times weft and ONNX Runtime alternately in this JVM, one thread,
 * reporting the minimum and median of 200 calls each after 300 warm-up pairs: on a machine whose load
 * drifts by the second, the minimum of alternating calls is the steadier comparison.
 * {@code --only} keeps problems whose label, e.g. {@code DepthwiseBench layer=dw960_7_s1 act=relu6 threads=1}
 * or {@code PoolBench pool=max3s2p1_64_112 threads=all}, contains a match.
 */
public final class DwPoolReport {
    private DwPoolReport() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false, interleaved = false;
        String only = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--interleaved" -> interleaved = true;
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: DwPoolReport [--quick] [--interleaved] [--only REGEX] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        String checks = crossCheck();
        if (interleaved) {
            String table = checks + "\n" + Interleaved.table(only);
            System.out.println(table);
            if (out != null) Files.writeString(out, table);
            return;
        }
        List<String[]> labels = new ArrayList<>(); // {bench, param assignments...}
        for (String layer : DwPoolShapes.DEPTHWISE_ORDER) {
            for (String act : new String[] {"relu6", "none"}) labels.add(new String[] {"DepthwiseBench", "layer", layer, "act", act});
        }
        for (String pool : DwPoolShapes.POOL_ORDER) labels.add(new String[] {"PoolBench", "pool", pool});
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (String[] problem : labels) {
            for (String threads : new String[] {"1", "all"}) {
                StringBuilder label = new StringBuilder(problem[0]);
                for (int i = 1; i < problem.length; i += 2) label.append(' ').append(problem[i]).append('=').append(problem[i + 1]);
                label.append(" threads=").append(threads);
                if (only != null && !Pattern.compile(only).matcher(label).find()) continue;
                OptionsBuilder opts = new OptionsBuilder();
                opts.include("dev\\.weft\\.bench\\.kernels\\." + problem[0] + "\\.");
                for (int i = 1; i < problem.length; i += 2) opts.param(problem[i], problem[i + 1]);
                opts.param("threads", threads).forks(1)
                        .warmupIterations(quick ? 2 : 4).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1))
                        .jvmArgs("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g")
                        .shouldFailOnError(true);
                double[] t = {Double.NaN, Double.NaN};
                for (RunResult r : new Runner(opts.build()).run()) {
                    String bench = r.getParams().getBenchmark();
                    t[bench.endsWith(".weft") ? 0 : 1] = r.getPrimaryResult().getScore();
                }
                rows.put(label.substring(label.indexOf(" ") + 1), t);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ").append(System.getProperty("java.version"))
                .append(", ONNX Runtime ").append(OrtEnvironment.getEnvironment().getVersion())
                .append(quick ? ", 2 warmup + 3 measured 1 s iterations" : ", 4 warmup + 5 measured 1 s iterations")
                .append(", one fork per problem.\n\n").append(checks).append('\n');
        sb.append("| problem | weft µs | ORT µs | weft time / ORT time |\n|---|---:|---:|---:|\n");
        for (var e : rows.entrySet()) {
            double[] t = e.getValue();
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", e.getKey(), t[0], t[1], t[0] / t[1]));
        }
        System.out.println(sb);
        if (out != null) Files.writeString(out, sb.toString());
    }

    /** Runs every shape once on both engines and reports the largest difference. */
    private static String crossCheck() throws Exception {
        double worstConv = 0, worstPool = 0;
        for (DwPoolShapes.Depthwise s : DwPoolShapes.DEPTHWISE.values()) {
            for (boolean relu6 : new boolean[] {false, true}) {
                Random rnd = new Random(3);
                float[] x = Shapes.uniform(rnd, s.c() * s.h() * s.h(), 8f);
                float[] w = Shapes.uniform(rnd, s.c() * 9, 1f), b = Shapes.uniform(rnd, s.c(), 1f);
                Tensor mine = s.weft(Tensor.of(x, 1, s.c(), s.h(), s.h()), Tensor.of(w, s.c(), 1, 3, 3), Tensor.of(b, s.c()), relu6);
                worstConv = Math.max(worstConv, diff(s.ort(w, b, relu6), x, new long[] {1, s.c(), s.h(), s.h()}, mine));
            }
        }
        for (DwPoolShapes.Pool s : DwPoolShapes.POOL.values()) {
            float[] x = Shapes.uniform(new Random(3), s.c() * s.h() * s.h(), 1f);
            worstPool = Math.max(worstPool, diff(s.ort(), x, new long[] {1, s.c(), s.h(), s.h()}, s.weft(Tensor.of(x, 1, s.c(), s.h(), s.h()))));
        }
        return String.format(Locale.ROOT, "Cross-check: weft and ONNX Runtime agree to %.2e on the depthwise convolutions "
                + "(with and without ReLU6) and to %.2e on the pools (largest absolute difference).%n", worstConv, worstPool);
    }

    private static double diff(byte[] model, float[] x, long[] shape, Tensor mine) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = OrtSessions.open(model, 1);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = session.run(Map.of("X", in))) {
            FloatBuffer theirs = ((OnnxTensor) r.get(0)).getFloatBuffer();
            if (theirs.remaining() != mine.size()) throw new IllegalStateException("output sizes differ: " + mine.shape());
            float[] ours = mine.floatData();
            double worst = 0;
            for (int i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs.get(i)));
            return worst;
        }
    }
}
