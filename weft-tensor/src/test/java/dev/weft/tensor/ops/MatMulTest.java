package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulTest {
    private final Random rnd = new Random(31);

    private static double[] reference(Tensor a, Tensor b, int m, int k, int n) {
        double[] r = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) r[i * n + j] += a.getDouble(i * k + p) * b.getDouble(p * n + j);
        return r;
    }

    @Test
    void floatAndIntegerProducts() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32}) {
            Tensor a = Fixtures.relayout(Fixtures.random(dt, rnd, 5, 7), 1);
            Tensor b = Fixtures.random(dt, rnd, 7, 3);
            Tensor c = MatMul.matmul(a, b);
            assertEquals(Shape.of(5, 3), c.shape());
            assertClose("matmul " + dt, reference(a, b, 5, 7, 3), c, 1e-5, 1e-5);
        }
        Tensor batch = Fixtures.random(DType.FLOAT32, rnd, 2, 1, 4, 6);
        Tensor w = Fixtures.random(DType.FLOAT32, rnd, 3, 6, 2);
        assertEquals(Shape.of(2, 3, 4, 2), MatMul.matmul(batch, w).shape());
        assertEquals(Shape.of(4), MatMul.matmul(Fixtures.random(DType.FLOAT32, rnd, 4, 6), Fixtures.random(DType.FLOAT32, rnd, 6)).shape());
        Tensor big = Tensor.of(new long[] {1L << 40, 1}, 1, 2);
        assertSameLongs("int64 exact", new long[] {(1L << 41) + 3}, MatMul.matmul(big, Tensor.of(new long[] {2, 3}, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> MatMul.matmul(Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)), Tensor.zeros(DType.FLOAT32, Shape.of(4, 2))));
    }

    @Test
    void matmulIntegerSubtractsZeroPoints() {
        Tensor a = Tensor.fromLongs(DType.UINT8, Shape.of(2, 2), 200, 10, 0, 255);
        Tensor b = Tensor.fromLongs(DType.INT8, Shape.of(2, 1), -3, 4);
        Tensor r = MatMul.matmulInteger(a, b, Tensor.fromLongs(DType.UINT8, Shape.of(1), 10), null);
        assertEquals(DType.INT32, r.dtype());
        assertSameLongs("matmulinteger", new long[] {190 * -3 + 0, -10 * -3 + 245 * 4}, r);
    }
}
