package dev.weft.onnx.conformance;

import dev.weft.onnx.InputSpec;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.io.TensorProtos;
import dev.weft.onnx.load.ModelReader;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.GraphProto;
import dev.weft.onnx.proto.ModelProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs ONNX backend-style test folders. Each test runs on a daemon thread under a timeout, so a
 * hanging test is reported as failed and the run goes on. Outcomes: passed; skipped when weft
 * refuses the model cleanly ({@link UnsupportedOnnxException}); failed for wrong numbers,
 * errors, crashes and timeouts.
 *
 * <p>Not thread-safe: use one runner per thread.
 */
public final class ConformanceRunner {
    private final Executor executor;
    private final double rtol, atol;
    private final Duration timeout;
    private ExecutorService pool = newPool();

    public ConformanceRunner(Executor executor, double rtol, double atol, Duration timeout) {
        this.executor = executor;
        this.rtol = rtol;
        this.atol = atol;
        this.timeout = timeout;
    }

    private static ExecutorService newPool() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-test");
            t.setDaemon(true);
            return t;
        });
    }

    /** Every folder under the roots (the roots included) that holds a {@code model.onnx}, sorted by path. */
    public static List<Path> discover(List<Path> roots) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such folder");
            if (Files.isRegularFile(root) && root.getFileName().toString().equals("model.onnx")) {
                found.add(root.toAbsolutePath().getParent());
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("model.onnx"))
                        .forEach(p -> found.add(p.getParent()));
            }
        }
        return new ArrayList<>(found);
    }

    /** Runs all tests, reporting each result to {@code progress} as it finishes. */
    public List<TestResult> runAll(List<Path> dirs, Consumer<TestResult> progress) {
        List<TestResult> results = new ArrayList<>();
        for (Path d : dirs) {
            TestResult r = runOne(d);
            results.add(r);
            if (progress != null) progress.accept(r);
        }
        return results;
    }

    /** Runs one test folder under the timeout. */
    public TestResult runOne(Path dir) {
        long start = System.nanoTime();
        String name = dir.getFileName().toString();
        List<String> ops = new ArrayList<>();
        Future<String> f = pool.submit(() -> execute(dir, ops));
        Outcome outcome;
        String reason;
        try {
            reason = f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            outcome = reason == null ? Outcome.PASSED : Outcome.FAILED;
        } catch (TimeoutException e) {
            f.cancel(true);
            pool.shutdownNow();
            pool = newPool();
            outcome = Outcome.FAILED;
            reason = "timed out after " + timeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (isUnsupported(c)) {
                outcome = Outcome.SKIPPED;
            } else {
                outcome = Outcome.FAILED;
            }
            reason = oneLine(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.FAILED;
            reason = "interrupted";
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        List<String> opsCopy;
        synchronized (ops) {
            opsCopy = List.copyOf(ops);
        }
        return new TestResult(name, dir.toString(), outcome, reason == null ? "" : reason, opsCopy, ms);
    }

    private static boolean isUnsupported(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsupportedOnnxException) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    static String oneLine(Throwable t) {
        Throwable c = t;
        if (t instanceof StackOverflowError) return "stack overflow";
        if (t instanceof OutOfMemoryError) return "out of memory";
        String msg = c.getMessage();
        if (msg == null || msg.isBlank()) {
            StackTraceElement[] st = c.getStackTrace();
            msg = c.getClass().getSimpleName() + (st.length > 0 ? " at " + st[0] : "");
        } else if (!(c instanceof IllegalArgumentException || c instanceof UnsupportedOnnxException
                || c instanceof dev.weft.onnx.OnnxFormatException)) {
            msg = c.getClass().getSimpleName() + ": " + msg;
        }
        return msg.replace('\n', ' ').strip();
    }

    /** Loads, runs and compares; returns null when all data sets match, else the first reason. */
    private String execute(Path dir, List<String> ops) throws Exception {
        ModelProto proto = ModelReader.read(dir.resolve("model.onnx"));
        TreeSet<String> opSet = new TreeSet<>();
        collectOps(proto.graph(), opSet);
        synchronized (ops) {
            ops.addAll(opSet);
        }
        OnnxModel model = OnnxModel.compile(dir.resolve("model.onnx"), proto);
        List<Path> sets;
        try (Stream<Path> s = Files.list(dir)) {
            sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_") && Files.isDirectory(p)).sorted().toList();
        }
        if (sets.isEmpty()) throw new UnsupportedOnnxException("unsupported: no test_data_set folders (nothing to check)");
        for (Path set : sets) {
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            List<InputSpec> specs = model.inputs();
            for (int k = 0; ; k++) {
                Path file = set.resolve("input_" + k + ".pb");
                if (!Files.exists(file)) break;
                Tensor t = TensorProtos.read(file);
                String inName = k < specs.size() ? specs.get(k).name() : "input_" + k;
                feeds.put(inName, t);
            }
            Map<String, Tensor> got = executor.run(model, feeds);
            List<String> outs = model.outputNames();
            for (int k = 0; k < outs.size(); k++) {
                Path file = set.resolve("output_" + k + ".pb");
                if (!Files.exists(file)) continue;
                Tensor expected = TensorProtos.read(file);
                String why = Comparison.mismatch(outs.get(k), got.get(outs.get(k)), expected, rtol, atol);
                if (why != null) return set.getFileName() + ": " + why;
            }
        }
        return null;
    }

    private static void collectOps(GraphProto g, TreeSet<String> ops) {
        for (NodeProto n : g.nodes()) {
            ops.add(n.domain().isEmpty() || n.domain().equals("ai.onnx") ? n.opType() : n.domain() + ":" + n.opType());
            for (AttributeProto a : n.attributes()) {
                if (a.g() != null) collectOps(a.g(), ops);
                for (GraphProto s : a.graphs()) collectOps(s, ops);
            }
        }
    }
}
