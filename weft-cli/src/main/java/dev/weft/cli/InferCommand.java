package dev.weft.cli;

import dev.weft.cli.infer.BatchInference;
import dev.weft.farm.run.FarmResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft infer MODEL INPUT_DIR --output DIR}: a model over a folder of inputs, on the job farm. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Run a model over every input file of a folder (.pb, .npy, .npz), one farm task per file.")
final class InferCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The model.")
    Path model;

    @Parameters(index = "1", paramLabel = "INPUT_DIR", description = "The folder of inputs.")
    Path inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where the outputs go (STEM.OUTPUT.npy).")
    Path output;

    @Option(names = {"-j", "--workers"}, defaultValue = "0", description = "Worker slots (default: the number of cores).")
    int workers;

    @Option(names = "--machine", defaultValue = "sequential", paramLabel = "sequential|concurrent",
            description = "The machine each worker runs (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--resume", description = "Skip the files an earlier run finished.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        int n = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        FarmResult r = BatchInference.run(model, inputs, output, n, machine, resume, System.out, System.err);
        return r.failed() == 0 && r.killed() == 0 ? 0 : 1;
    }
}
