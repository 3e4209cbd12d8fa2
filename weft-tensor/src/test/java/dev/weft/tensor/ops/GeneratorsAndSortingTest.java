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

class GeneratorsAndSortingTest {
    private final Random rnd = new Random(23);

    @Test
    void rangeCountsLikeOnnx() {
        assertSameLongs("int", new long[] {1, 4, 7}, Generators.range(Tensor.of(new long[] {1}), Tensor.of(new long[] {10}), Tensor.of(new long[] {3})));
        assertSameLongs("down", new long[] {10, 7, 4}, Generators.range(Tensor.of(new int[] {10}), Tensor.of(new int[] {1}), Tensor.of(new int[] {-3})));
        assertEquals(0, Generators.range(Tensor.of(new long[] {5}), Tensor.of(new long[] {1}), Tensor.of(new long[] {2})).size());
        assertClose("float", new double[] {0, 0.5, 1, 1.5}, Generators.range(Tensor.scalar(0f), Tensor.scalar(2f), Tensor.scalar(0.5f)), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Generators.range(Tensor.scalar(0f), Tensor.scalar(2f), Tensor.scalar(0f)));
    }

    @Test
    void constantOfShapeOneHotEyeTrilu() {
        Tensor c = Generators.constantOfShape(Tensor.of(new long[] {2, 3}, 2), Tensor.of(new int[] {7}, 1));
        assertEquals(DType.INT32, c.dtype());
        assertSameLongs("constant", new long[] {7, 7, 7, 7, 7, 7}, c);
        assertEquals(DType.FLOAT32, Generators.constantOfShape(Tensor.of(new long[] {0}, 1), null).dtype());
        Tensor oh = Generators.oneHot(Tensor.of(new long[] {0, 2, -1, 5}, 4), 3, Tensor.of(new float[] {0, 1}, 2), -1);
        assertClose("one hot", new double[] {1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0}, oh, 0, 0);
        Tensor oh0 = Generators.oneHot(Tensor.of(new long[] {0, 2}, 2), 3, Tensor.of(new long[] {-1, 9}, 2), 0);
        assertSameLongs("one hot axis 0", new long[] {9, -1, -1, -1, -1, 9}, oh0);
        assertClose("eye", new double[] {0, 1, 0, 0, 0, 1}, Generators.eyeLike(Shape.of(2, 3), 1, DType.FLOAT32), 0, 0);
        Tensor m = Tensor.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        assertSameLongs("upper", new long[] {1, 2, 3, 0, 5, 6, 0, 0, 9}, Generators.trilu(m, 0, true));
        assertSameLongs("lower -1", new long[] {0, 0, 0, 4, 0, 0, 7, 8, 0}, Generators.trilu(m, -1, false));
        assertSameLongs("upper 1 strided", new long[] {0, 4, 7, 0, 0, 8, 0, 0, 0}, Generators.trilu(m.transpose(), 1, true));
    }

    @Test
    void topKIsStableAndMatchesAFullSort() {
        Tensor x = Tensor.of(new float[] {3, 1, 3, 2, 5, 5}, 6);
        Sorting.TopK t = Sorting.topK(x, 4, 0, true, true);
        assertClose("values", new double[] {5, 5, 3, 3}, t.values(), 0, 0);
        assertSameLongs("ties keep index order", new long[] {4, 5, 0, 2}, t.indices());
        Sorting.TopK s = Sorting.topK(x, 2, 0, false, true);
        assertSameLongs("smallest", new long[] {1, 3}, s.indices());
        Tensor r = Fixtures.random(DType.FLOAT32, rnd, 3, 7, 4);
        Sorting.TopK mid = Sorting.topK(r, 3, 1, true, true);
        assertEquals(Shape.of(3, 3, 4), mid.values().shape());
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 4; c++) {
                double[] col = new double[7];
                for (int b = 0; b < 7; b++) col[b] = r.getDouble((a * 7 + b) * 4 + c);
                java.util.Arrays.sort(col);
                for (int j = 0; j < 3; j++) {
                    assertEquals(col[6 - j], mid.values().getDouble((a * 3 + j) * 4 + c));
                    long src = mid.indices().getLong((a * 3 + j) * 4 + c);
                    assertEquals(col[6 - j], r.getDouble((int) ((a * 7 + src) * 4 + c)));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Sorting.topK(x, 7, 0, true, true));
    }

    @Test
    void nonZeroCumSumUnique() {
        Tensor x = Tensor.of(new long[] {0, 3, 0, 4, 5, 0}, 2, 3);
        assertSameLongs("nonzero", new long[] {0, 1, 1, 1, 0, 1}, Sorting.nonZero(x));
        assertEquals(Shape.of(2, 3), Sorting.nonZero(x).shape());
        Tensor c = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertClose("cumsum", new double[] {1, 3, 6, 4, 9, 15}, Sorting.cumSum(c, 1, false, false), 0, 0);
        assertClose("exclusive", new double[] {0, 1, 3, 0, 4, 9}, Sorting.cumSum(c, 1, true, false), 0, 0);
        assertClose("reverse", new double[] {6, 5, 3, 15, 11, 6}, Sorting.cumSum(c, -1, false, true), 0, 0);
        assertClose("reverse exclusive", new double[] {5, 3, 0, 11, 6, 0}, Sorting.cumSum(c, 1, true, true), 0, 0);
        assertClose("axis 0", new double[] {1, 2, 3, 5, 7, 9}, Sorting.cumSum(c, 0, false, false), 0, 0);
        assertClose("cumprod", new double[] {1, 2, 6, 4, 20, 120}, Sorting.cumProd(c, 1, false, false), 0, 0);
        assertClose("cumprod exclusive reverse", new double[] {6, 3, 1, 30, 6, 1}, Sorting.cumProd(c, 1, true, true), 0, 0);
        assertSameLongs("int cumsum", new long[] {1, 3, 6}, Sorting.cumSum(Tensor.of(new long[] {1, 2, 3}, 3), 0, false, false));
        Sorting.Unique u = Sorting.unique(Tensor.of(new long[] {2, 1, 1, 3, 4, 3}, 6), true);
        assertSameLongs("unique", new long[] {1, 2, 3, 4}, u.values());
        assertSameLongs("first index", new long[] {1, 0, 3, 4}, u.indices());
        assertSameLongs("inverse", new long[] {1, 0, 0, 2, 3, 2}, u.inverseIndices());
        assertSameLongs("counts", new long[] {2, 1, 2, 1}, u.counts());
        assertSameLongs("unsorted", new long[] {2, 1, 3, 4}, Sorting.unique(Tensor.of(new long[] {2, 1, 1, 3, 4, 3}, 6), false).values());
    }
}
