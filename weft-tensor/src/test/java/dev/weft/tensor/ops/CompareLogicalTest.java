package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompareLogicalTest {
    private final Random rnd = new Random(29);

    @Test
    void comparisonsBroadcastInEveryDtype() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.UINT8, DType.FLOAT16, DType.BOOL}) {
            for (int[][] pair : BinaryTest.PAIRS) {
                Tensor a = Fixtures.relayout(Fixtures.random(dt, Shape.of(pair[0]), rnd), 1);
                Tensor b = Fixtures.relayout(Fixtures.random(dt, Shape.of(pair[1]), rnd), 0);
                Shape out = Shape.broadcast(a.shape(), b.shape());
                for (CompareOp op : CompareOp.values()) {
                    Tensor got = Compare.apply(op, a, b);
                    assertEquals(DType.BOOL, got.dtype());
                    long[] expected = new long[out.size()];
                    for (int i = 0; i < expected.length; i++) {
                        int[] idx = Fixtures.unravel(i, out.dims());
                        double x = a.getDouble(Fixtures.broadcastSource(idx, a.shape().dims()));
                        double y = b.getDouble(Fixtures.broadcastSource(idx, b.shape().dims()));
                        expected[i] = op.test(x, y) ? 1 : 0;
                    }
                    assertSameLongs(op + " " + dt + a.shape() + b.shape(), expected, got);
                }
            }
        }
        Tensor nan = Tensor.of(new float[] {Float.NaN, 1}, 2);
        assertSameLongs("nan equal", new long[] {0, 1}, Compare.equal(nan, nan));
        assertSameLongs("isnan", new long[] {1, 0}, Compare.isNaN(nan));
        Tensor inf = Tensor.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0}, 3);
        assertSameLongs("isinf", new long[] {1, 1, 0}, Compare.isInf(inf, true, true));
        assertSameLongs("isinf positive", new long[] {1, 0, 0}, Compare.isInf(inf, true, false));
        Tensor u64 = Tensor.fromLongs(DType.UINT64, Shape.of(1), -1L);
        assertSameLongs("uint64 compares unsigned", new long[] {1}, Compare.greater(u64, Tensor.fromLongs(DType.UINT64, Shape.of(1), 1)));
    }

    @Test
    void logicAndWhere() {
        Tensor a = Tensor.ofBools(new boolean[] {true, true, false, false}, 4);
        Tensor b = Tensor.ofBools(new boolean[] {true, false, true, false}, 4);
        assertSameLongs("and", new long[] {1, 0, 0, 0}, Logical.and(a, b));
        assertSameLongs("or", new long[] {1, 1, 1, 0}, Logical.or(a, b));
        assertSameLongs("xor", new long[] {0, 1, 1, 0}, Logical.xor(a, b));
        assertSameLongs("not", new long[] {0, 0, 1, 1}, Logical.not(a));
        Tensor cond = Tensor.ofBools(new boolean[] {true, false, true}, 3, 1);
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        Tensor y = Tensor.of(new float[] {-1}, 1);
        assertClose("where", new double[] {1, 2, -1, -1, 1, 2}, Logical.where(cond, x, y), 0, 0);
        Tensor xi = Tensor.of(new long[] {1, 2}, 2);
        assertSameLongs("where int", new long[] {1, 2, 9, 9, 1, 2}, Logical.where(cond, xi, Tensor.of(new long[] {9})));
        // A strided random cross-check.
        Tensor c = Fixtures.relayout(Fixtures.random(DType.BOOL, rnd, 4, 33), 1);
        Tensor p = Fixtures.relayout(Fixtures.random(DType.FLOAT32, rnd, 4, 33), 0);
        Tensor q = Fixtures.random(DType.FLOAT32, rnd, 33);
        Tensor w = Logical.where(c, p, q);
        for (int i = 0; i < w.size(); i++) assertEquals(c.getLong(i) != 0 ? p.getDouble(i) : q.getDouble(i % 33), w.getDouble(i));
    }
}
