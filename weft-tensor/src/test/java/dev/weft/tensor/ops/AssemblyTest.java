package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssemblyTest {
    private final Random rnd = new Random(17);

    @Test
    void concatThenSplitRoundTripsOnEveryAxis() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.INT64, DType.BOOL, DType.FLOAT16}) {
            for (int axis = 0; axis < 3; axis++) {
                int[] d1 = {2, 3, 4}, d2 = {2, 3, 4}, d3 = {2, 3, 4};
                d2[axis] = 0;
                d3[axis] = 5;
                Tensor a = Fixtures.relayout(Fixtures.random(dt, Shape.of(d1), rnd), 1);
                Tensor b = Fixtures.random(dt, Shape.of(d2), rnd);
                Tensor c = Fixtures.relayout(Fixtures.random(dt, Shape.of(d3), rnd), 0);
                Tensor cat = Assembly.concat(axis - 3, a, b, c);
                int[] od = d1.clone();
                od[axis] = d1[axis] + d3[axis];
                assertEquals(Shape.of(od), cat.shape());
                for (int i = 0; i < cat.size(); i++) {
                    int[] idx = Fixtures.unravel(i, od);
                    Tensor src = idx[axis] < d1[axis] ? a : c;
                    if (idx[axis] >= d1[axis]) idx[axis] -= d1[axis];
                    int[] sd = src.shape().dims();
                    assertEquals(src.getDouble((idx[0] * sd[1] + idx[1]) * sd[2] + idx[2]), cat.getDouble(i), dt + " axis " + axis);
                }
                Tensor[] parts = Assembly.split(cat, axis, new int[] {d1[axis], 0, d3[axis]});
                assertClose("split 0", a, parts[0], 0, 0);
                assertEquals(Shape.of(d2), parts[1].shape());
                assertClose("split 2", c, parts[2], 0, 0);
            }
        }
        Tensor x = Tensor.zeros(DType.FLOAT32, Shape.of(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Assembly.concat(0, x, Tensor.zeros(DType.FLOAT32, Shape.of(2, 4))));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Assembly.split(x, 1, new int[] {1, 1}));
        Tensor[] even = Assembly.split(Tensor.zeros(DType.FLOAT32, Shape.of(7)), 0, 3);
        assertEquals(Shape.of(3), even[0].shape());
        assertEquals(Shape.of(1), even[2].shape());
    }

    @Test
    void tileRepeats() {
        Tensor x = Tensor.of(new long[] {1, 2, 3, 4}, 2, 2);
        assertSameLongs("tile", new long[] {1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4}, Assembly.tile(x, new long[] {2, 2}));
        assertEquals(Shape.of(0, 2), Assembly.tile(x, new long[] {0, 1}).shape());
        Tensor t = Fixtures.relayout(x, 1);
        assertSameLongs("tile strided", new long[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, Assembly.tile(t, new long[] {1, 3}));
    }

    @Test
    void padInEveryMode() {
        Tensor x = Tensor.of(new long[] {1, 2, 3, 4}, 1, 4);
        long[] pads = {0, 3, 0, 2};
        assertSameLongs("constant", new long[] {9, 9, 9, 1, 2, 3, 4, 9, 9}, Assembly.pad(x, pads, null, PadMode.CONSTANT, 9));
        assertSameLongs("reflect", new long[] {4, 3, 2, 1, 2, 3, 4, 3, 2}, Assembly.pad(x, pads, null, PadMode.REFLECT, 0));
        assertSameLongs("edge", new long[] {1, 1, 1, 1, 2, 3, 4, 4, 4}, Assembly.pad(x, pads, null, PadMode.EDGE, 0));
        assertSameLongs("wrap", new long[] {2, 3, 4, 1, 2, 3, 4, 1, 2}, Assembly.pad(x, pads, null, PadMode.WRAP, 0));
        assertSameLongs("negative crops", new long[] {2, 3}, Assembly.pad(x, new long[] {0, -1, 0, -1}, 0));
        assertSameLongs("axes", new long[] {0, 1, 2, 3, 4}, Assembly.pad(x, new long[] {1, 0}, new int[] {-1}, PadMode.CONSTANT, 0));
        Tensor y = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor p = Assembly.pad(y, new long[] {1, 1, 1, 1}, null, PadMode.REFLECT, 0);
        assertEquals(Shape.of(4, 5), p.shape());
        assertClose("2-D reflect", new double[] {5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2}, p, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Assembly.pad(x, new long[] {0, -5, 0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> Assembly.pad(x, new long[] {1, 2}, 0));
    }
}
