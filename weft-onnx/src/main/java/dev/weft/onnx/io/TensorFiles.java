package dev.weft.onnx.io;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Reads and writes a tensor file by its extension: {@code .pb}, {@code .npy} or {@code .npz}. */
public final class TensorFiles {
    private TensorFiles() {}

    /** The tensors in a file: one for {@code .pb}/{@code .npy} (under {@code defaultName}), all entries of an {@code .npz}. */
    public static Map<String, Tensor> read(Path file, String defaultName) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npz")) return Npz.read(file);
        if (n.endsWith(".npy")) return Map.of(defaultName, Npy.decode(Files.readAllBytes(file), file.toString()));
        if (n.endsWith(".pb")) return Map.of(defaultName, TensorProtos.read(file));
        throw new OnnxFormatException(file + ": unknown tensor file type; use .pb, .npy or .npz");
    }

    /** Writes one tensor as {@code .pb} or {@code .npy}, chosen by the file's extension. */
    public static void write(Path file, String name, Tensor t) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) Files.write(file, Npy.encode(t));
        else TensorProtos.write(file, name, t);
    }
}
