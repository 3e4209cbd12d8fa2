package dev.weft.cli;

import dev.weft.machine.Machine;
import dev.weft.onnx.InputSpec;
import dev.weft.onnx.OnnxExamples;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.io.Npz;
import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft run MODEL.onnx}: loads an ONNX model, feeds it tensors from {@code .pb}/{@code .npy}/{@code .npz}
 * files, runs it on a weft machine and prints each output's shape, a top-5 summary for class-score
 * vectors, and timings. {@code --example mnist} runs the bundled digit classifier.
 *
 * <p>{@link Weft#run} usually reads {@code run}'s arguments itself ({@link RunOptions#parse}) and
 * calls {@link #execute} without building picocli's model; this class is what picocli sees for
 * help, usage and the forms that reader leaves to it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an ONNX model on a weft machine.")
final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.onnx", description = "The model file.")
    Path model;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Run a bundled example instead of a file: mnist (classifies a handwritten digit).")
    String example;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=FILE",
            description = "An input tensor (.pb TensorProto, .npy or .npz); NAME= may be left out when the model has one input. Repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write each output to DIR/NAME.<format>.")
    Path outputDir;

    @Option(names = "--format", defaultValue = RunOptions.DEFAULT_FORMAT, paramLabel = "pb|npy|npz",
            description = "File format for --output (default: ${DEFAULT-VALUE}); npz writes one outputs.npz.")
    String format;

    @Option(names = "--machine", defaultValue = RunOptions.DEFAULT_MACHINE, paramLabel = "sequential|concurrent",
            description = "The machine to run on (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--repeat", defaultValue = RunOptions.DEFAULT_REPEAT, paramLabel = "N", description = "Run N times and report the timings (default: 1).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        execute(options(), spec.commandLine().getOut());
        return 0;
    }

    /** This command's fields as picocli filled them. */
    RunOptions options() {
        return new RunOptions(model, example, inputs, outputDir, format, machine, repeat, false);
    }

    /** Runs what {@code o} asks for, printing to {@code out}; a bad argument or model throws. */
    static void execute(RunOptions o, PrintWriter out) throws Exception {
        int repeat = o.repeat();
        String machine = o.machine();
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        if (!machine.equals("sequential") && !machine.equals("concurrent")) {
            throw new IllegalArgumentException("--machine must be sequential or concurrent, not '" + machine + "'");
        }
        Path file = o.model();
        Path exampleInput = null;
        if (o.example() != null) {
            if (file != null) throw new IllegalArgumentException("give either MODEL.onnx or --example, not both");
            Path dir = OnnxExamples.extract(o.example());
            file = dir.resolve("model.onnx");
            exampleInput = dir.resolve("digit_0.pb");
        }
        if (file == null) throw new IllegalArgumentException("no model: give MODEL.onnx or --example mnist");
        long t0 = System.nanoTime();
        OnnxModel m = OnnxModel.load(file);
        long loaded = System.nanoTime();
        Map<String, Tensor> feeds = readInputs(m, o.inputs(), exampleInput);
        m.checkInputs(feeds);
        out.printf("model %s (IR %d, %s), %d nodes, loaded in %.1f ms%n", o.example() != null ? "example " + o.example() : file,
                m.proto().irVersion(), opsets(m), m.program().steps().size(), (loaded - t0) / 1e6);
        for (var e : feeds.entrySet()) out.printf("input  %s: %s%s%n", e.getKey(), e.getValue().dtype(), e.getValue().shape());
        Map<String, Tensor> result = null;
        double[] ms = new double[repeat];
        try (Machine mc = OnnxGraphs.machine(m, machine)) {
            for (int r = 0; r < repeat; r++) {
                long s = System.nanoTime();
                result = mc.run(feeds);
                ms[r] = (System.nanoTime() - s) / 1e6;
            }
        }
        for (var e : result.entrySet()) {
            Tensor t = e.getValue();
            out.printf("output %s: %s%s%n", e.getKey(), t.dtype(), t.shape());
            RunSummary.describe(t, out);
        }
        if (repeat == 1) {
            out.printf("time: %.2f ms on the %s machine (first run, includes warm-up)%n", ms[0], machine);
        } else {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            out.printf("time: first %.2f ms, median %.2f ms, min %.2f ms over %d runs on the %s machine%n",
                    ms[0], sorted[repeat / 2], sorted[0], repeat, machine);
        }
        if (o.outputDir() != null) writeOutputs(result, o.outputDir(), o.format(), out);
    }

    private static String opsets(OnnxModel m) {
        List<String> s = new ArrayList<>();
        m.proto().opsets().forEach((d, v) -> s.add((d.isEmpty() ? "ai.onnx" : d) + " " + v));
        return "opset " + String.join(", ", s);
    }

    private static Map<String, Tensor> readInputs(OnnxModel m, List<String> inputs, Path exampleInput) throws Exception {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        List<InputSpec> specs = m.inputs();
        if (inputs.isEmpty() && exampleInput != null) {
            feeds.putAll(TensorFiles.read(exampleInput, specs.getFirst().name()));
        }
        for (String arg : inputs) {
            int eq = arg.indexOf('=');
            String name;
            Path path;
            if (eq > 0) {
                name = arg.substring(0, eq);
                path = Path.of(arg.substring(eq + 1));
            } else {
                path = Path.of(arg);
                if (!path.toString().endsWith(".npz") && specs.size() != 1) {
                    throw new IllegalArgumentException("--input " + arg + ": the model has " + specs.size()
                            + " inputs " + specs.stream().map(InputSpec::name).toList() + "; write NAME=FILE");
                }
                name = specs.isEmpty() ? "input" : specs.getFirst().name();
            }
            Map<String, Tensor> read = TensorFiles.read(path, name);
            if (eq > 0 && read.size() == 1) feeds.put(name, read.values().iterator().next());
            else feeds.putAll(read);
        }
        for (InputSpec s : specs) {
            if (!feeds.containsKey(s.name())) {
                throw new IllegalArgumentException("missing input '" + s.name() + "' (expected " + s.describe()
                        + "); pass --input " + s.name() + "=FILE");
            }
        }
        return feeds;
    }

    private static void writeOutputs(Map<String, Tensor> result, Path outputDir, String format, PrintWriter out)
            throws Exception {
        Files.createDirectories(outputDir);
        if (format.equals("npz")) {
            Path f = outputDir.resolve("outputs.npz");
            Npz.write(f, result);
            out.println("wrote " + f);
            return;
        }
        if (!format.equals("pb") && !format.equals("npy")) {
            throw new IllegalArgumentException("--format must be pb, npy or npz, not '" + format + "'");
        }
        for (var e : result.entrySet()) {
            Path f = outputDir.resolve(e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + "." + format);
            TensorFiles.write(f, e.getKey(), e.getValue());
            out.println("wrote " + f);
        }
    }
}
