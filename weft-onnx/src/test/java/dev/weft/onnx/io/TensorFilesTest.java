package dev.weft.onnx.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFilesTest {
    @TempDir Path dir;

    private static Tensor sample(DType d) {
        Tensor t = Tensor.zeros(d, Shape.of(2, 3));
        for (int i = 0; i < t.size(); i++) t.setDouble(i, d == DType.BOOL ? i % 2 : i - 2);
        return t;
    }

    @Test
    void pbAndNpyRoundTripEveryDType() throws Exception {
        for (DType d : DType.values()) {
            Tensor t = sample(d);
            for (String ext : d == DType.BFLOAT16 ? new String[] {"pb"} : new String[] {"pb", "npy"}) {
                Path f = dir.resolve("t_" + d + "." + ext);
                TensorFiles.write(f, "t", t);
                Tensor back = TensorFiles.read(f, "t").get("t");
                assertEquals(d, back.dtype(), ext);
                assertEquals(t.shape(), back.shape(), ext);
                assertArrayEquals(t.toDoubleArray(), back.toDoubleArray(), ext + " " + d);
            }
        }
    }

    @Test
    void npzHoldsSeveralNamedArrays() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", sample(DType.FLOAT32));
        m.put("b", sample(DType.INT64));
        Path f = dir.resolve("x.npz");
        Npz.write(f, m);
        Map<String, Tensor> back = Npz.read(f);
        assertEquals(m.keySet(), back.keySet());
        assertArrayEquals(m.get("b").toLongArray(), back.get("b").toLongArray());
    }

    @Test
    void truncatedFilesAreRefusedWithTheSizeMismatch() throws Exception {
        Path f = dir.resolve("t.npy");
        TensorFiles.write(f, "t", sample(DType.FLOAT64));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 8));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> TensorFiles.read(f, "t"));
        assertTrue(e.getMessage().contains("needs 48 bytes"), e.getMessage());

        Path pb = dir.resolve("t.pb");
        TensorFiles.write(pb, "t", sample(DType.FLOAT32));
        byte[] p = Files.readAllBytes(pb);
        Files.write(pb, Arrays.copyOf(p, p.length - 3));
        assertThrows(OnnxFormatException.class, () -> TensorFiles.read(pb, "t"));
    }
}
