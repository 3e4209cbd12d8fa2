package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.parallel.IntraOp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * {@code DwPoolReport --interleaved}: the depthwise and pooling problems timed in this JVM, one thread,
 * calling weft and ONNX Runtime alternately (300 warm-up pairs, then 200 timed pairs) and reporting the
 * minimum and median per call. Not thread-safe (changes the intra-op thread count).
 */
final class Interleaved {
    private static final int WARMUP = 300, TIMED = 200;

    private Interleaved() {}

    static String table(String only) throws OrtException {
        IntraOp.setThreads(1);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(", one thread, ")
                .append(WARMUP).append(" warm-up pairs then ").append(TIMED).append(" alternating calls each.\n\n")
                .append("| problem | weft min µs | ORT min µs | weft median µs | ORT median µs | min weft / min ORT |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (String name : DwPoolShapes.DEPTHWISE_ORDER) {
            String label = "layer=" + name + " act=relu6";
            if (only != null && !Pattern.compile(only).matcher(label).find()) continue;
            DwPoolShapes.Depthwise s = DwPoolShapes.DEPTHWISE.get(name);
            Random rnd = new Random(1);
            float[] x = Shapes.uniform(rnd, s.c() * s.h() * s.h(), 8f);
            float[] w = Shapes.uniform(rnd, s.c() * 9, 1f), b = Shapes.uniform(rnd, s.c(), 1f);
            Tensor tx = Tensor.of(x, 1, s.c(), s.h(), s.h()), tw = Tensor.of(w, s.c(), 1, 3, 3), tb = Tensor.of(b, s.c());
            try (OrtSession session = OrtSessions.open(s.ort(w, b, true), 1);
                 OnnxTensor in = OnnxTensor.createTensor(env, GemmBench.direct(x), new long[] {1, s.c(), s.h(), s.h()})) {
                row(sb, label, () -> s.weft(tx, tw, tb, true), session, in);
            }
        }
        for (String name : DwPoolShapes.POOL_ORDER) {
            String label = "pool=" + name;
            if (only != null && !Pattern.compile(only).matcher(label).find()) continue;
            DwPoolShapes.Pool s = DwPoolShapes.POOL.get(name);
            float[] x = Shapes.uniform(new Random(1), s.c() * s.h() * s.h(), 1f);
            Tensor tx = Tensor.of(x, 1, s.c(), s.h(), s.h());
            try (OrtSession session = OrtSessions.open(s.ort(), 1);
                 OnnxTensor in = OnnxTensor.createTensor(env, GemmBench.direct(x), new long[] {1, s.c(), s.h(), s.h()})) {
                row(sb, label, () -> s.weft(tx), session, in);
            }
        }
        return sb.toString();
    }

    private interface Call {
        Tensor run();
    }

    private static void row(StringBuilder sb, String label, Call weft, OrtSession session, OnnxTensor in) throws OrtException {
        Map<String, OnnxTensor> inputs = Map.of("X", in);
        long[] tw = new long[TIMED], to = new long[TIMED];
        long sink = 0;
        for (int i = 0; i < WARMUP + TIMED; i++) {
            long t0 = System.nanoTime();
            sink += weft.run().size();
            long t1 = System.nanoTime();
            try (OrtSession.Result r = session.run(inputs)) {
                sink += ((OnnxTensor) r.get(0)).getInfo().getShape().length;
            }
            long t2 = System.nanoTime();
            if (i >= WARMUP) {
                tw[i - WARMUP] = t1 - t0;
                to[i - WARMUP] = t2 - t1;
            }
        }
        if (sink == 42) System.out.print(""); // keeps the results alive
        Arrays.sort(tw);
        Arrays.sort(to);
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n", label, tw[0] / 1e3, to[0] / 1e3,
                tw[TIMED / 2] / 1e3, to[TIMED / 2] / 1e3, (double) tw[0] / to[0]));
    }
}
