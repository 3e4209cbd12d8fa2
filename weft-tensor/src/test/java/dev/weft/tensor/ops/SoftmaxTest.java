package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private final Random rnd = new Random(11);

    /** Reference softmax along one axis by explicit index arithmetic. */
    static double[] reference(Tensor x, int axis, boolean log) {
        int[] dims = x.shape().dims();
        double[] out = new double[x.size()];
        int k = dims[axis];
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) inner *= dims[i];
        for (int i = 0; i < x.size(); i++) {
            int[] idx = Fixtures.unravel(i, dims);
            int base = i - idx[axis] * inner;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < k; j++) max = Math.max(max, x.getDouble(base + j * inner));
            for (int j = 0; j < k; j++) sum += Math.exp(x.getDouble(base + j * inner) - max);
            out[i] = log ? x.getDouble(i) - max - Math.log(sum) : Math.exp(x.getDouble(i) - max) / sum;
        }
        return out;
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryAxis() {
        int[][] shapes = {{5}, {2, 17}, {3, 4, 33}, {2, 0, 3}, {1, 1}, {2, 3, 4, 5}};
        for (int[] dims : shapes) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Tensor x = Binary.mul(Fixtures.random(dt, Shape.of(dims), rnd), Tensor.scalar(dt, 10));
                for (int axis = -dims.length; axis < dims.length; axis++) {
                    int a = axis < 0 ? axis + dims.length : axis;
                    for (boolean log : new boolean[] {false, true}) {
                        double[] expected = reference(x, a, log);
                        for (int variant = 0; variant < 3; variant++) {
                            Tensor in = Fixtures.relayout(x, variant);
                            int ax = axis;
                            String what = (log ? "logsoftmax " : "softmax ") + dt + x.shape() + " axis " + axis;
                            Tensor got = log ? Softmax.logSoftmax(in, ax) : Softmax.softmax(in, ax);
                            assertEquals(x.shape(), got.shape());
                            assertClose(what, expected, got, 1e-5, 1e-6);
                            if (dt == DType.FLOAT32) {
                                assertClose(what + " scalar", expected,
                                        Fixtures.scalarOnly(() -> log ? Softmax.logSoftmax(in, ax) : Softmax.softmax(in, ax)), 1e-5, 1e-6);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeInputsDoNotOverflowAndCoercedFormFlattens() {
        Tensor x = Tensor.of(new float[] {1000, 1000, -1000}, 3);
        assertClose("stable", new double[] {0.5, 0.5, 0}, Softmax.softmax(x, 0), 1e-6, 1e-7);
        Tensor y = Fixtures.random(DType.FLOAT32, rnd, 2, 3, 4);
        Tensor flat = Softmax.softmax(y.reshape(2, 12), 1).reshape(2, 3, 4);
        assertClose("coerced", flat, Softmax.softmaxCoerced2d(y, 1), 1e-6, 0);
        assertClose("log coerced", Softmax.logSoftmax(y.reshape(2, 12), 1).reshape(2, 3, 4), Softmax.logSoftmaxCoerced2d(y, 1), 1e-6, 1e-6);
    }

    @Test
    void hardmaxMarksTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 0, 5, 2}, 2, 3);
        assertClose("rows", new double[] {0, 1, 0, 0, 1, 0}, Softmax.hardmax(x, 1), 0, 0);
        assertClose("cols", new double[] {1, 0, 1, 0, 1, 0}, Softmax.hardmax(x, 0), 0, 0);
    }
}
