package dev.weft.cli;

import dev.weft.graph.Graph;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.train.DigitsTraining;
import dev.weft.train.Trainer;
import dev.weft.train.data.Dataset;
import dev.weft.train.data.Digits;
import dev.weft.train.export.Checkpoints;
import dev.weft.train.export.OnnxExport;
import dev.weft.train.report.EpochStats;
import dev.weft.train.report.LossCurve;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft train digits}: trains a classifier on the 8×8 handwritten digits. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model. Example: weft train digits (the bundled 8x8 handwritten digits).")
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXAMPLE", description = "What to train: digits.")
    String example;

    @Option(names = "--model", defaultValue = "mlp", description = "Model: mlp or cnn (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "30", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd (momentum 0.9), adam or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.003", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--machine", defaultValue = "sequential", description = "sequential or concurrent (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--data", paramLabel = "FILE", description = "A digits CSV (.csv or .csv.gz) instead of the bundled copy.")
    Path data;

    @Option(names = "--curve", paramLabel = "FILE", defaultValue = "digits-loss.svg",
            description = "Where to save the loss curve, SVG (default: ${DEFAULT-VALUE}).")
    Path curve;

    @Option(names = "--load-weights", paramLabel = "FILE.npz", description = "Start from these weights instead of random ones.")
    Path loadWeights;

    @Option(names = "--save-weights", paramLabel = "FILE.npz", description = "Save the trained weights (NumPy .npz).")
    Path saveWeights;

    @Option(names = "--export", paramLabel = "FILE.onnx", description = "Export the trained model to ONNX (serve it with weft run or ONNX Runtime).")
    Path export;

    @Override
    public Integer call() throws Exception {
        if (!example.equals("digits")) {
            throw new IllegalArgumentException("unknown example '" + example + "'; the one available is: digits");
        }
        Function<Graph, Machine> machines = switch (machine) {
            case "sequential" -> SequentialMachine::new;
            case "concurrent" -> ConcurrentMachine::new;
            default -> throw new IllegalArgumentException("--machine must be sequential or concurrent, not '" + machine + "'");
        };
        DigitsTraining.Settings settings = new DigitsTraining.Settings(model, epochs, batch, optimizer, lr, seed);
        DigitsTraining.optimizer(settings); // fails fast, naming a wrong optimizer
        DigitsTraining.model(settings);
        Dataset digits = data == null ? Digits.bundled() : Digits.load(data);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("digits: %d images, %d%% held out (seed %d); %s, %s lr %s, batch %d, %s machine%n",
                digits.size(), Math.round(DigitsTraining.TEST_FRACTION * 100), seed, model, optimizer, lr, batch, machine);
        List<EpochStats> history = new ArrayList<>();
        try (Trainer trainer = DigitsTraining.train(digits, settings, machines, loadWeights, e -> {
            history.add(e);
            out.printf("epoch %3d  loss %.4f  train accuracy %.4f  held-out loss %.4f  held-out accuracy %.4f  (%.2f s)%n",
                    e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), e.seconds());
            out.flush();
        })) {
            LossCurve.writeSvg(curve, "weft: " + model + " on digits", history);
            out.println("loss curve: " + curve);
            if (saveWeights != null) {
                Checkpoints.save(trainer, saveWeights);
                out.println("weights: " + saveWeights);
            }
            if (export != null) {
                OnnxExport.write(trainer.model(), trainer.parameters(), export);
                out.println("ONNX model: " + export + " (try: weft run " + export + ")");
            }
            out.printf("test accuracy: %.4f%n", history.get(history.size() - 1).testAccuracy());
        }
        return 0;
    }
}
