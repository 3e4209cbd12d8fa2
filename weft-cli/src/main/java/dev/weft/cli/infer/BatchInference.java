package dev.weft.cli.infer;

import dev.weft.farm.run.Farm;
import dev.weft.farm.run.FarmConfig;
import dev.weft.farm.run.FarmResult;
import dev.weft.farm.run.TaskAction;
import dev.weft.farm.run.TaskContext;
import dev.weft.farm.task.TaskSource;
import dev.weft.machine.Machine;
import dev.weft.onnx.InputSpec;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one ONNX model over every input file of a folder ({@code .pb}, {@code .npy}, or {@code .npz}
 * holding all the model's inputs by name) and writes each output next to the others as
 * {@code OUTPUT_DIR/STEM.OUTPUT_NAME.npy}. The work is a {@link Farm} of in-JVM tasks, one per file,
 * with its journal in {@code OUTPUT_DIR/.farm}, so an interrupted run continues with {@code resume}.
 *
 * <p>Thread safety: the model is compiled once and shared (compiled programs are immutable); each
 * worker slot lazily builds its own machine and only that slot's thread uses it.
 */
public final class BatchInference {
    private final OnnxModel model;
    private final String machineKind;
    private final Path outputDir;
    private final Machine[] machines;

    private BatchInference(OnnxModel model, String machineKind, Path outputDir, int workers) {
        this.model = model;
        this.machineKind = machineKind;
        this.outputDir = outputDir;
        this.machines = new Machine[workers + 1];
    }

    /** The input files of {@code dir} that this can read, sorted by name. */
    public static List<String> inputFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a folder of inputs");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pb") || n.endsWith(".npy") || n.endsWith(".npz")).sorted().toList();
            if (names.isEmpty()) throw new IllegalArgumentException(dir + " has no .pb, .npy or .npz input files");
            return names;
        }
    }

    /** Runs the model over the folder with {@code workers} slots; {@code resume} continues an earlier run. */
    public static FarmResult run(Path modelFile, Path inputDir, Path outputDir, int workers, String machineKind,
                                 boolean resume, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        OnnxModel model = OnnxModel.load(modelFile);
        List<String> files = inputFiles(inputDir);
        Files.createDirectories(outputDir);
        BatchInference job = new BatchInference(model, machineKind, outputDir, workers);
        FarmConfig config = FarmConfig.builder(new TaskSource.Values(files),
                        new TaskAction.Function(ctx -> job.infer(inputDir.resolve(ctx.value("")), ctx)))
                .workers(workers)
                .results(outputDir.resolve(".farm"))
                .resume(resume)
                .build();
        try {
            return new Farm(config, out, err).run();
        } finally {
            for (Machine m : job.machines) if (m != null) m.close();
        }
    }

    private void infer(Path file, TaskContext ctx) throws IOException {
        Machine m = machines[ctx.worker()];
        if (m == null) m = machines[ctx.worker()] = OnnxGraphs.machine(model, machineKind);
        List<InputSpec> specs = model.inputs();
        Map<String, Tensor> feed = TensorFiles.read(file, specs.size() == 1 ? specs.getFirst().name() : null);
        if (specs.size() == 1 && feed.size() == 1 && !feed.containsKey(specs.getFirst().name())) {
            feed = Map.of(specs.getFirst().name(), feed.values().iterator().next());
        }
        model.checkInputs(feed);
        Map<String, Tensor> outputs = m.run(feed);
        String stem = file.getFileName().toString().replaceFirst("\\.(pb|npy|npz)$", "");
        for (var e : outputs.entrySet()) {
            Path target = outputDir.resolve(stem + "." + e.getKey().replaceAll("[^A-Za-z0-9_.-]", "_") + ".npy");
            TensorFiles.write(target, e.getKey(), e.getValue());
        }
        ctx.out().println(stem + ": " + outputs.keySet());
    }
}
