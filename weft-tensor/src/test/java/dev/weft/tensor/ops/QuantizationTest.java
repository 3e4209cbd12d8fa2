package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import org.junit.jupiter.api.Test;

class QuantizationTest {
    @Test
    void quantizeRoundsHalfToEvenAndSaturates() {
        Tensor x = Tensor.of(new float[] {0, 1, 2.5f, 3.5f, 1000, -1000}, 6);
        Tensor q = Quantization.quantizeLinear(x, Tensor.scalar(1f), Tensor.fromLongs(DType.UINT8, Shape.scalar(), 10), 1);
        assertEquals(DType.UINT8, q.dtype());
        assertSameLongs("uint8", new long[] {10, 11, 12, 14, 255, 0}, q);
        Tensor q8 = Quantization.quantizeLinear(x, Tensor.scalar(2f), Tensor.fromLongs(DType.INT8, Shape.scalar(), 0), 1);
        assertSameLongs("int8", new long[] {0, 0, 1, 2, 127, -128}, q8);
        Tensor d = Quantization.dequantizeLinear(q, Tensor.scalar(0.5f), Tensor.fromLongs(DType.UINT8, Shape.scalar(), 10), 1);
        assertClose("dequantize", new double[] {0, 0.5, 1, 2, 122.5, -5}, d, 0, 0);
    }

    @Test
    void perAxisScales() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor s = Tensor.of(new float[] {1, 2}, 2);
        assertSameLongs("axis 0", new long[] {1, 2, 2, 2}, Quantization.quantizeLinear(x, s, null, 0));
        assertSameLongs("axis 1", new long[] {1, 1, 3, 2}, Quantization.quantizeLinear(x, s, null, 1));
        assertThrows(IllegalArgumentException.class, () -> Quantization.quantizeLinear(x, Tensor.of(new float[] {1, 2, 3}, 3), null, 0));
    }
}
