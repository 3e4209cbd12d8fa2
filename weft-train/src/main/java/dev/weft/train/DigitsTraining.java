package dev.weft.train;

import dev.weft.graph.Graph;
import dev.weft.machine.Machine;
import dev.weft.train.data.Dataset;
import dev.weft.train.data.Digits;
import dev.weft.train.model.Mlp;
import dev.weft.train.model.Model;
import dev.weft.train.model.SmallCnn;
import dev.weft.train.optim.Adam;
import dev.weft.train.optim.Optimizer;
import dev.weft.train.optim.RmsProp;
import dev.weft.train.optim.Sgd;
import dev.weft.train.report.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The digits example: a seeded 80/20 split of the 8×8 digits, a model, mini-batch training, and
 * per-epoch statistics. Everything random derives from {@link Settings#seed}, so a run repeats
 * exactly.
 */
public final class DigitsTraining {
    private DigitsTraining() {}

    /** Held-out share of the data. */
    public static final double TEST_FRACTION = 0.2;

    /** What to train and how. */
    public record Settings(String model, int epochs, int batchSize, String optimizer, double learningRate, long seed) {
        public Settings {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }

        /** The defaults that `weft train digits` uses for an MLP. */
        public static Settings mlpDefaults() { return new Settings("mlp", 30, 32, "adam", 0.003, 1); }

        /** The defaults that `weft train digits --model cnn` uses. */
        public static Settings cnnDefaults() { return new Settings("cnn", 15, 32, "adam", 0.003, 1); }
    }

    /** The model named by {@code settings.model()}, initialised from the seed. */
    public static Model model(Settings s) {
        return switch (s.model()) {
            case "mlp" -> Mlp.build(Digits.PIXELS, new int[] {64}, 10, s.seed());
            case "cnn" -> SmallCnn.build(8, 10, s.seed());
            default -> throw new IllegalArgumentException("unknown model '" + s.model() + "'; choose mlp or cnn");
        };
    }

    /** The optimizer named by {@code settings.optimizer()}. */
    public static Optimizer optimizer(Settings s) {
        return switch (s.optimizer()) {
            case "sgd" -> new Sgd(s.learningRate(), 0.9);
            case "adam" -> new Adam(s.learningRate());
            case "rmsprop" -> new RmsProp(s.learningRate());
            default -> throw new IllegalArgumentException("unknown optimizer '" + s.optimizer() + "'; choose sgd, adam or rmsprop");
        };
    }

    /** Trains on {@code data} and reports each epoch to {@code onEpoch}; returns the trainer for its weights. */
    public static Trainer train(Dataset data, Settings s, Function<Graph, Machine> machines, Consumer<EpochStats> onEpoch) {
        try {
            return train(data, s, machines, null, onEpoch);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Like {@link #train(Dataset, Settings, Function, Consumer)}, starting from the weights in {@code initial} (.npz) when not null. */
    public static Trainer train(Dataset data, Settings s, Function<Graph, Machine> machines, java.nio.file.Path initial,
                                Consumer<EpochStats> onEpoch) throws java.io.IOException {
        Dataset.Split split = data.split(TEST_FRACTION, s.seed());
        Trainer trainer = new Trainer(model(s), optimizer(s), machines);
        if (initial != null) dev.weft.train.export.Checkpoints.load(trainer, initial);
        Random order = new Random(s.seed() + 1);
        List<EpochStats> all = new ArrayList<>();
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lossSum = 0;
            int seen = 0;
            for (Dataset.Batch b : split.train().batches(s.batchSize(), order, false)) {
                lossSum += trainer.step(b) * b.size();
                seen += b.size();
            }
            Trainer.Evaluation train = trainer.evaluate(split.train());
            Trainer.Evaluation test = trainer.evaluate(split.test());
            EpochStats stats = new EpochStats(epoch, lossSum / seen, train.accuracy(), test.loss(), test.accuracy(),
                    (System.nanoTime() - t0) / 1e9);
            all.add(stats);
            onEpoch.accept(stats);
        }
        return trainer;
    }
}
