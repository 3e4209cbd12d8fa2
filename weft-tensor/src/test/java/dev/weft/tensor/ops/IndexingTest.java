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

class IndexingTest {
    private final Random rnd = new Random(19);

    @Test
    void gatherOnEveryAxisWithNegativeIndices() {
        int[] dims = {3, 4, 5};
        Tensor x = Fixtures.relayout(Fixtures.random(DType.FLOAT32, Shape.of(dims), rnd), 1);
        for (int axis = 0; axis < 3; axis++) {
            int n = dims[axis];
            Tensor idx = Tensor.of(new long[] {0, -1, 1, n - 1, -n, 0}, 2, 3);
            Tensor g = Indexing.gather(x, idx, axis);
            int[] od = new int[4];
            for (int i = 0, j = 0; i < 3; i++) {
                if (i == axis) { od[j++] = 2; od[j++] = 3; } else od[j++] = dims[i];
            }
            assertEquals(Shape.of(od), g.shape());
            for (int i = 0; i < g.size(); i++) {
                int[] o = Fixtures.unravel(i, od);
                int[] src = new int[3];
                for (int a = 0, j = 0; a < 3; a++) {
                    if (a == axis) {
                        long v = idx.getLong(o[j] * 3 + o[j + 1]);
                        src[a] = (int) (v < 0 ? v + n : v);
                        j += 2;
                    } else src[a] = o[j++];
                }
                assertEquals(x.getDouble((src[0] * 4 + src[1]) * 5 + src[2]), g.getDouble(i));
            }
        }
        Tensor scalarIdx = Indexing.gather(x, Tensor.of(new int[] {2}), 1);
        assertEquals(Shape.of(3, 5), scalarIdx.shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Indexing.gather(x, Tensor.of(new long[] {4}, 1), 1));
        assertTrue(e.getMessage().contains("index 4") && e.getMessage().contains("[3, 4, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Indexing.gather(x, Tensor.of(new float[] {1}, 1), 1));
    }

    @Test
    void gatherAndScatterElements() {
        Tensor data = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        Tensor idx = Tensor.of(new long[] {1, 0, 2, -1, 0, 0}, 2, 3);
        assertClose("gather elements axis 0", new double[] {4, 2, 9, 7, 2, 3}, Indexing.gatherElements(data, idx, 0), 0, 0);
        assertClose("gather elements axis 1", new double[] {2, 1, 3, 6, 4, 4}, Indexing.gatherElements(data, idx, 1), 0, 0);
        Tensor upd = Tensor.of(new float[] {10, 20, 30, 40, 50, 60}, 2, 3);
        assertClose("scatter none", new double[] {1, 50, 60, 10, 5, 6, 40, 8, 30},
                Indexing.scatterElements(data, idx, upd, 0, ScatterReduction.NONE), 0, 0);
        Tensor idx2 = Tensor.of(new long[] {1, 0, 2, 2, 0, 0}, 2, 3);
        assertClose("scatter add", new double[] {1, 2 + 20 + 50, 3 + 60, 4 + 10, 5, 6, 7 + 40, 8, 9 + 30},
                Indexing.scatterElements(data, idx2, upd, 0, ScatterReduction.ADD), 0, 0);
        assertClose("scatter mul", new double[] {1, 2 * 20 * 50, 3 * 60, 4 * 10, 5, 6, 7 * 40, 8, 9 * 30},
                Indexing.scatterElements(data, idx2, upd, 0, ScatterReduction.MUL), 0, 0);
        // Only the first row of indices and updates (strided views): row 0 gets col 1 = 10, col 0 = 20, col 2 = 30.
        assertClose("scatter axis 1", new double[] {20, 10, 30, 4, 5, 6, 7, 8, 9},
                Indexing.scatterElements(data, idx2.slice(0, 0, 1, 1), upd.slice(0, 0, 1, 1), 1, ScatterReduction.NONE), 0, 0);
    }

    @Test
    void gatherNDAndScatterND() {
        Tensor data = Tensor.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);
        assertSameLongs("tuples of 2", new long[] {2, 3, 4, 5}, Indexing.gatherND(data, Tensor.of(new long[] {0, 1, 1, 0}, 2, 2), 0));
        assertSameLongs("full tuples", new long[] {3, 6}, Indexing.gatherND(data, Tensor.of(new long[] {0, 1, 1, 1, 1, 0}, 2, 3), 0));
        assertSameLongs("batch dims 1", new long[] {2, 3, 4, 5}, Indexing.gatherND(data, Tensor.of(new long[] {1, 0}, 2, 1), 1));
        Tensor upd = Tensor.of(new long[] {10, 11, 12, 13}, 2, 2);
        assertSameLongs("scatter nd", new long[] {0, 1, 12, 13, 4, 5, 10, 11},
                Indexing.scatterND(data, Tensor.of(new long[] {1, 1, 0, 1}, 2, 2), upd, ScatterReduction.NONE));
        assertSameLongs("scatter nd add", new long[] {0, 1, 2, 3, 4, 5, 6 + 10 + 12, 7 + 11 + 13},
                Indexing.scatterND(data, Tensor.of(new long[] {1, 1, 1, 1}, 2, 2), upd, ScatterReduction.ADD));
        assertThrows(IllegalArgumentException.class,
                () -> Indexing.scatterND(data, Tensor.of(new long[] {1, 1}, 1, 2), upd, ScatterReduction.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> Indexing.gatherND(data, Tensor.of(new long[] {2, 0}, 1, 2), 0));
    }
}
