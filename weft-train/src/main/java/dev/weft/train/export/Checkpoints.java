package dev.weft.train.export;

import dev.weft.onnx.io.Npz;
import dev.weft.tensor.Tensor;
import dev.weft.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Weights as NumPy {@code .npz} archives, one array per parameter name, readable by NumPy too. */
public final class Checkpoints {
    private Checkpoints() {}

    /** Writes the trainer's current parameters. */
    public static void save(Trainer trainer, Path file) throws IOException { Npz.write(file, trainer.parameters()); }

    /** Loads parameters into the trainer; every parameter must be present with its shape. */
    public static void load(Trainer trainer, Path file) throws IOException {
        Map<String, Tensor> values = Npz.read(file);
        trainer.load(values);
    }
}
