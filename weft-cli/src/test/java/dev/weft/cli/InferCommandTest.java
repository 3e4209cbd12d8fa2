package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weft infer: the bundled MNIST model over its three reference inputs, on the job farm. */
class InferCommandTest {
    private static final Path MNIST = Path.of(System.getProperty("weft.root"), "..", "shared", "models", "mnist");

    @Test
    void classifiesEveryFileAndResumesWithoutRedoingThem(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        for (int k = 0; k < 3; k++) {
            Files.copy(MNIST.resolve("test_data_set_" + k).resolve("input_0.pb"), in.resolve("digit" + k + ".pb"));
        }
        CliRunner r = CliRunner.run("infer", MNIST.resolve("model.onnx").toString(), in.toString(), "-o", out.toString(), "-j", "2");
        assertEquals(0, r.exitCode(), r.err());
        for (int k = 0; k < 3; k++) {
            Tensor expected = TensorFiles.read(MNIST.resolve("test_data_set_" + k).resolve("output_0.pb"), "y").values().iterator().next();
            Path file = outputOf(out, "digit" + k + ".");
            Tensor actual = TensorFiles.read(file, "y").values().iterator().next();
            double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) assertTrue(Math.abs(e[i] - a[i]) <= 1e-3 + 1e-3 * Math.abs(e[i]), file + "[" + i + "]");
        }
        long before = Files.getLastModifiedTime(outputOf(out, "digit0.")).toMillis();
        CliRunner again = CliRunner.run("infer", MNIST.resolve("model.onnx").toString(), in.toString(), "-o", out.toString(), "--resume");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue((again.out() + again.err()).contains("3 skipped") || (again.out() + again.err()).contains("skipped 3"),
                again.out() + again.err());
        assertEquals(before, Files.getLastModifiedTime(outputOf(out, "digit0.")).toMillis(), "resume rewrote a finished output");
    }

    private static Path outputOf(Path dir, String prefix) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".npy"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void anEmptyFolderIsAOneLineError(@TempDir Path dir) {
        CliRunner r = CliRunner.run("infer", MNIST.resolve("model.onnx").toString(), dir.toString(), "-o", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertEquals("weft: " + dir + " has no .pb, .npy or .npz input files", r.err().strip());
    }
}
