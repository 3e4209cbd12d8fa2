package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    private final Random rnd = new Random(3);

    /** Naive reference: visit every element, add it to the output cell its kept coordinates name. */
    static double[] reference(ReduceOp op, Tensor x, boolean[] reduced) {
        int[] dims = x.shape().dims();
        int[] outDims = dims.clone();
        for (int i = 0; i < dims.length; i++) if (reduced[i]) outDims[i] = 1;
        int outSize = Shape.of(outDims).size();
        List<List<Double>> cells = new ArrayList<>();
        for (int i = 0; i < outSize; i++) cells.add(new ArrayList<>());
        for (int i = 0; i < x.size(); i++) {
            int[] idx = Fixtures.unravel(i, dims);
            int o = 0;
            for (int a = 0; a < dims.length; a++) o = o * outDims[a] + (reduced[a] ? 0 : idx[a]);
            cells.get(o).add(x.getDouble(i));
        }
        double[] r = new double[outSize];
        for (int o = 0; o < outSize; o++) {
            List<Double> c = cells.get(o);
            double s = 0, p = 1, mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY, sq = 0, ab = 0, se = 0;
            for (double v : c) {
                s += v; p *= v; mx = Math.max(mx, v); mn = Math.min(mn, v); sq += v * v; ab += Math.abs(v); se += Math.exp(v);
            }
            r[o] = switch (op) {
                case SUM -> s;
                case MEAN -> s / c.size();
                case PROD -> p;
                case MAX -> mx;
                case MIN -> mn;
                case L1 -> ab;
                case L2 -> Math.sqrt(sq);
                case SUM_SQUARE -> sq;
                case LOG_SUM -> Math.log(s);
                case LOG_SUM_EXP -> Math.log(se);
            };
        }
        return r;
    }

    private static int[] axesOf(boolean[] reduced) {
        int n = 0;
        for (boolean b : reduced) if (b) n++;
        int[] axes = new int[n];
        for (int i = 0, j = 0; i < reduced.length; i++) if (reduced[i]) axes[j++] = i;
        return axes;
    }

    @Test
    void everyOpOverEveryAxisSubsetMatchesTheReference() {
        int[][] shapes = {{7}, {2, 3, 17}, {4, 1, 33}, {3, 0, 2}, {2, 2, 3, 5}, {5, 40}};
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int[] dims : shapes) {
                    Tensor x = Fixtures.random(dt, Shape.of(dims), rnd);
                    if (op == ReduceOp.LOG_SUM) x = Unary.abs(x);
                    for (int mask = 1; mask < (1 << dims.length); mask++) {
                        boolean[] reduced = new boolean[dims.length];
                        for (int i = 0; i < dims.length; i++) reduced[i] = (mask & (1 << i)) != 0;
                        int[] axes = axesOf(reduced);
                        double[] expected = reference(op, x, reduced);
                        for (int variant = 0; variant < 3; variant++) {
                            Tensor in = Fixtures.relayout(x, variant);
                            String what = op + " " + dt + x.shape() + " axes " + java.util.Arrays.toString(axes) + " layout " + variant;
                            Tensor kept = Reductions.reduce(op, in, axes, true);
                            assertEquals(Reductions.reducedShape(x.shape(), axes, true), kept.shape(), what);
                            assertClose(what, expected, kept, 1e-4, 1e-4);
                            Tensor dropped = Reductions.reduce(op, in, axes, false);
                            assertEquals(Reductions.reducedShape(x.shape(), axes, false), dropped.shape(), what);
                            if (dt == DType.FLOAT32) {
                                assertClose(what + " scalar", expected, Fixtures.scalarOnly(() -> Reductions.reduce(op, in, axes, true)), 1e-4, 1e-4);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void integerReductionsAreExactAndEmptySetsFollowOnnx() {
        Tensor x = Tensor.of(new long[] {1L << 60, 3, -5, 7, 1L << 60, -1}, 2, 3);
        assertSameLongs("sum", new long[] {(1L << 60) - 2, (1L << 60) + 6}, Reductions.sum(x, new int[] {1}, false));
        assertSameLongs("max", new long[] {1L << 60, 1L << 60, -1}, Reductions.max(x, new int[] {0}, false));
        assertSameLongs("prod", new long[] {-15 * (1L << 60), -7 * (1L << 60)}, Reductions.prod(x, new int[] {1}, false));
        Tensor e = Tensor.zeros(DType.FLOAT32, Shape.of(2, 0));
        assertClose("empty sum", new double[] {0, 0}, Reductions.sum(e, new int[] {1}, false), 0, 0);
        assertClose("empty prod", new double[] {1, 1}, Reductions.prod(e, new int[] {1}, false), 0, 0);
        assertClose("empty max", new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, Reductions.max(e, new int[] {1}, false), 0, 0);
        Tensor ei = Tensor.zeros(DType.INT32, Shape.of(2, 0));
        assertSameLongs("empty int min", new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, Reductions.min(ei, new int[] {-1}, true));
        assertEquals(Shape.of(1, 1), Reductions.sum(x, new int[0], true).shape());
        assertClose("noop", x.toDoubleArray(), Reductions.reduce(ReduceOp.SUM, x, new int[0], true, true), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Reductions.sum(x, new int[] {1, -1}, true));
        assertThrows(IllegalArgumentException.class, () -> Reductions.sum(x, new int[] {2}, true));
    }

    @Test
    void argMaxAndArgMinHonourTiesAndKeepDims() {
        Tensor x = Tensor.of(new float[] {1, 5, 5, 0, 2, 2, 0, -1}, 2, 4);
        assertSameLongs("argmax first", new long[] {1, 0}, ArgReductions.argMax(x, 1, false, false));
        assertSameLongs("argmax last", new long[] {2, 1}, ArgReductions.argMax(x, 1, false, true));
        assertSameLongs("argmin", new long[] {3, 3}, ArgReductions.argMin(x, -1, false, false));
        assertSameLongs("argmax axis 0", new long[] {1, 0, 0, 0}, ArgReductions.argMax(x, 0, false, false));
        assertEquals(Shape.of(2, 1), ArgReductions.argMax(x, 1, true, false).shape());
        Tensor i = Tensor.of(new int[] {3, 9, 9, 1}, 4);
        assertSameLongs("int argmax last", new long[] {2}, ArgReductions.argMax(i, 0, false, true));
        // Random cross-check against a scan on a strided view.
        Tensor r = Fixtures.relayout(Fixtures.random(DType.FLOAT32, rnd, 3, 5, 7), 1);
        Tensor got = ArgReductions.argMax(r, 1, false, false);
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 7; c++) {
                int best = 0;
                for (int b = 1; b < 5; b++) if (r.getDouble(a * 35 + b * 7 + c) > r.getDouble(a * 35 + best * 7 + c)) best = b;
                assertEquals(best, got.getLong(a * 7 + c));
            }
        }
    }
}
