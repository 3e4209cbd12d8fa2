package dev.weft.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Models shipped inside weft, so {@code weft run --example mnist} works with no download.
 * Currently: {@code mnist} (ONNX model zoo mnist-8, MIT, from libonnx; see its ATTRIBUTION.md).
 */
public final class OnnxExamples {
    private static final String ROOT = "/dev/weft/onnx/examples/";
    private static final List<String> MNIST_FILES =
            List.of("model.onnx", "digit_0.pb", "digit_1.pb", "digit_2.pb", "LICENSE.libonnx-MIT", "ATTRIBUTION.md");

    private OnnxExamples() {}

    /** The bundled example names. */
    public static List<String> names() { return List.of("mnist"); }

    /**
     * Copies an example's files into a new temporary folder (deleted when the JVM exits) and returns
     * it: {@code model.onnx} plus sample inputs {@code digit_N.pb}.
     */
    public static Path extract(String name) throws IOException {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no bundled example '" + name + "'; available: " + names());
        }
        Path dir = Files.createTempDirectory("weft-example-" + name);
        dir.toFile().deleteOnExit();
        for (String f : MNIST_FILES) {
            try (InputStream in = OnnxExamples.class.getResourceAsStream(ROOT + name + "/" + f)) {
                if (in == null) throw new IOException("the weft build lacks the bundled example file " + name + "/" + f);
                Path target = dir.resolve(f);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
        }
        return dir;
    }
}
