package dev.weft.onnx.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.proto.ModelBytes;
import dev.weft.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoadingTest {
    @TempDir Path dir;

    private Path addModel(Map<String, String> external) throws Exception {
        byte[] model = ModelBytes.model(
                new byte[][] {ModelBytes.node("Add", new String[] {"x", "w"}, new String[] {"y"})},
                new byte[][] {ModelBytes.externalInitializer("w", new long[] {3}, external)},
                new byte[][] {ModelBytes.valueInfo("x", 3)},
                new byte[][] {ModelBytes.valueInfo("y", 3)});
        Path file = dir.resolve("model.onnx");
        Files.write(file, model);
        return file;
    }

    private void writeWeights(String name, float... values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        Files.write(dir.resolve(name), b.array());
    }

    @Test
    void externalDataBesideTheModelIsRead() throws Exception {
        writeWeights("w.bin", 0, 0, 1, 2, 3); // 4 bytes of padding, then the tensor
        Path file = addModel(Map.of("location", "w.bin", "offset", "8", "length", "12"));
        OnnxModel m = OnnxModel.load(file);
        Tensor y = m.run(Map.of("x", Tensor.of(new float[] {10, 20, 30}, 3))).get("y");
        assertArrayEquals(new float[] {11, 22, 33}, y.toFloatArray());
    }

    @Test
    void externalDataEscapingTheFolderIsRefused() throws Exception {
        Path file = addModel(Map.of("location", "../w.bin"));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file));
        assertTrue(e.getMessage().contains("escapes the model's folder"), e.getMessage());
        Path abs = addModel(Map.of("location", dir.resolve("w.bin").toAbsolutePath().toString()));
        assertThrows(OnnxFormatException.class, () -> OnnxModel.load(abs));
    }

    @Test
    void externalDataShorterThanDeclaredIsRefused() throws Exception {
        writeWeights("w.bin", 1, 2);
        Path file = addModel(Map.of("location", "w.bin"));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file));
        assertTrue(e.getMessage().contains("needs 12 bytes"), e.getMessage());
    }

    @Test
    void everyTruncationOfARealModelFailsWithOneClearError() throws Exception {
        writeWeights("w.bin", 1, 2, 3);
        Path file = addModel(Map.of("location", "w.bin"));
        byte[] whole = Files.readAllBytes(file);
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(file, Arrays.copyOf(whole, cut));
            try {
                OnnxModel.load(file);
            } catch (OnnxFormatException | UnsupportedOnnxException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUncheckedCrash() throws Exception {
        writeWeights("w.bin", 1, 2, 3);
        Path file = addModel(Map.of("location", "w.bin"));
        byte[] whole = Files.readAllBytes(file);
        Random rnd = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            byte[] bad = whole.clone();
            for (int k = 0; k < 3; k++) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            Files.write(file, bad);
            try {
                OnnxModel.load(file);
            } catch (OnnxFormatException | UnsupportedOnnxException | IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeAllocating() throws Exception {
        byte[] model = ModelBytes.model(
                new byte[][] {ModelBytes.node("Identity", new String[] {"w"}, new String[] {"y"})},
                new byte[][] {ModelBytes.message(o -> {
                    o.writeInt64(1, 1L << 20);
                    o.writeInt64(1, 1L << 20);
                    o.writeInt32(2, 1);
                    o.writeString(8, "w");
                    o.writeByteArray(9, new byte[16]);
                })},
                new byte[][] {},
                new byte[][] {ModelBytes.valueInfo("y", 2)});
        Path file = dir.resolve("huge.onnx");
        Files.write(file, model);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file));
        assertTrue(e.getMessage().contains("initializer 'w'"), e.getMessage());
    }

    @Test
    void unknownOpsAreRefusedAsUnsupportedNamingTheOp() throws Exception {
        byte[] model = ModelBytes.model(
                new byte[][] {ModelBytes.node("NoSuchOp", new String[] {"x"}, new String[] {"y"})},
                new byte[][] {}, new byte[][] {ModelBytes.valueInfo("x", 3)}, new byte[][] {ModelBytes.valueInfo("y", 3)});
        Path file = dir.resolve("m.onnx");
        Files.write(file, model);
        UnsupportedOnnxException e = assertThrows(UnsupportedOnnxException.class, () -> OnnxModel.load(file));
        assertEquals("unsupported op NoSuchOp (ai.onnx opset 13)", e.getMessage());
    }

    @Test
    void wrongInputShapeNamesTheInputAndTheExpectedShape() throws Exception {
        writeWeights("w.bin", 1, 2, 3);
        OnnxModel m = OnnxModel.load(addModel(Map.of("location", "w.bin")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.run(Map.of("x", Tensor.of(new float[] {1, 2}, 2))));
        assertEquals("input 'x' expects float32[3] but got float32[2]", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> m.run(Map.of()));
        assertEquals("missing input 'x' (expected float32[3])", missing.getMessage());
    }
}
