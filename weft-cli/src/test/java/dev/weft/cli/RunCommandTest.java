package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir Path dir;

    @Test
    void bundledMnistClassifiesItsSampleDigit() {
        CliRunner r = CliRunner.run("run", "--example", "mnist");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("output Plus214_Output_0: float32[1, 10]"), r.out());
        assertTrue(r.out().contains("top-5 classes"), r.out());
        assertTrue(r.out().contains("time:"), r.out());
    }

    @Test
    void runsAFileModelOnTheConcurrentMachineAndWritesOutputs() throws Exception {
        Path model = dev.weft.onnx.OnnxExamples.extract("mnist");
        CliRunner r = CliRunner.run("run", model.resolve("model.onnx").toString(),
                "--input", "Input3=" + model.resolve("digit_1.pb"), "--machine", "concurrent", "--repeat", "3",
                "--output", dir.toString(), "--format", "npy");
        assertEquals(0, r.exitCode(), r.err());
        Path out = dir.resolve("Plus214_Output_0.npy");
        assertTrue(Files.exists(out), r.out());
        Tensor t = TensorFiles.read(out, "y").get("y");
        assertEquals(10, t.size());
        assertTrue(r.out().contains("over 3 runs on the concurrent machine"), r.out());
    }

    @Test
    void aMissingInputGetsOneLineNamingItAndItsShape() throws Exception {
        Path model = dev.weft.onnx.OnnxExamples.extract("mnist");
        CliRunner r = CliRunner.run("run", model.resolve("model.onnx").toString());
        assertEquals(1, r.exitCode());
        assertEquals("weft: missing input 'Input3' (expected float32[1, 1, 28, 28]); pass --input Input3=FILE", r.err().strip());
    }

    @Test
    void aWrongShapeGetsOneLineNamingTheExpectedShape() throws Exception {
        Path model = dev.weft.onnx.OnnxExamples.extract("mnist");
        Path bad = dir.resolve("bad.npy");
        TensorFiles.write(bad, "x", Tensor.of(new float[28 * 28], 28, 28));
        CliRunner r = CliRunner.run("run", model.resolve("model.onnx").toString(), "--input", "Input3=" + bad);
        assertEquals(1, r.exitCode());
        assertEquals("weft: input 'Input3' expects float32[1, 1, 28, 28] but got float32[28, 28]", r.err().strip());
    }

    @Test
    void aCorruptModelGetsOneLine() throws Exception {
        Path model = dir.resolve("broken.onnx");
        byte[] whole = Files.readAllBytes(dev.weft.onnx.OnnxExamples.extract("mnist").resolve("model.onnx"));
        Files.write(model, java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRunner r = CliRunner.run("run", model.toString(), "--input", "x.pb");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("weft: " + model + ": not a valid ONNX model"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
