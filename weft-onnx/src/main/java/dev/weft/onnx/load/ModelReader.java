package dev.weft.onnx.load;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.proto.ModelProto;
import dev.weft.onnx.proto.OnnxParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and validates a model file. The file's size is checked against the heap before it is read;
 * a truncated or corrupt file gives one {@link OnnxFormatException} naming the file.
 */
public final class ModelReader {
    /** IR versions weft reads: 3 (ONNX 1.0) to 13 (ONNX 1.21). */
    public static final int MIN_IR = 3, MAX_IR = 13;

    private ModelReader() {}

    public static ModelProto read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such model file");
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8 || size > Runtime.getRuntime().maxMemory() / 2) {
            throw new OnnxFormatException(file + ": " + size + " bytes is too large to load in this JVM "
                    + "(store large weights as external data)");
        }
        byte[] bytes = Files.readAllBytes(file);
        ModelProto model;
        try {
            model = OnnxParser.parseModel(bytes);
        } catch (IOException | RuntimeException e) {
            throw new OnnxFormatException(file + ": not a valid ONNX model (truncated or corrupt protobuf: "
                    + e.getMessage() + ")", e);
        }
        validate(model, file.toString());
        return model;
    }

    /** Checks the IR version, opset imports and the graph's wiring. */
    public static void validate(ModelProto model, String where) {
        if (model.irVersion() > MAX_IR) {
            throw new UnsupportedOnnxException(where + ": unsupported IR version " + model.irVersion()
                    + "; weft reads IR versions " + MIN_IR + " to " + MAX_IR);
        }
        if (model.irVersion() < 1) throw new OnnxFormatException(where + ": missing or invalid IR version " + model.irVersion());
        if (model.opsets().isEmpty() && model.irVersion() >= 3) {
            throw new OnnxFormatException(where + ": the model imports no opset");
        }
        GraphChecks.check(model.graph(), where, java.util.Set.of());
    }
}
