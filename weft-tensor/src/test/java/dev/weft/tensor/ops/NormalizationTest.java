package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    private final Random rnd = new Random(5);

    @Test
    void batchNormMatchesTheFormula() {
        for (int[] dims : new int[][] {{2, 3, 5, 7}, {1, 4}, {2, 3, 17}, {0, 3, 2}}) {
            Tensor x = Fixtures.relayout(Fixtures.random(DType.FLOAT32, Shape.of(dims), rnd), 1);
            int c = dims[1];
            Tensor s = Fixtures.random(DType.FLOAT32, rnd, c), b = Fixtures.random(DType.FLOAT32, rnd, c);
            Tensor m = Fixtures.random(DType.FLOAT32, rnd, c), v = Unary.abs(Fixtures.random(DType.FLOAT32, rnd, c));
            double[] expected = new double[x.size()];
            for (int i = 0; i < x.size(); i++) {
                int ch = Fixtures.unravel(i, dims)[1];
                expected[i] = (x.getDouble(i) - m.getDouble(ch)) / Math.sqrt(v.getDouble(ch) + 1e-5) * s.getDouble(ch) + b.getDouble(ch);
            }
            assertClose("batchnorm " + x.shape(), expected, Normalization.batchNorm(x, s, b, m, v, 1e-5), 1e-4, 1e-4);
            assertClose("batchnorm scalar", expected, Fixtures.scalarOnly(() -> Normalization.batchNorm(x, s, b, m, v, 1e-5)), 1e-4, 1e-4);
        }
        Tensor x = Tensor.zeros(DType.FLOAT32, Shape.of(1, 3, 2));
        Tensor wrong = Tensor.zeros(DType.FLOAT32, Shape.of(4));
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, wrong, wrong, wrong, wrong, 1e-5));
    }

    /** The fused kernel (residual first, then the last axis) against layerNorm of the sum, on both paths. */
    @Test
    void layerNormLastAxisAddsTheResidualThenNormalizes() {
        for (int[] dims : new int[][] {{3, 4, 37}, {2, 128}, {5}, {0, 3}}) {
            int c = dims[dims.length - 1];
            Tensor x = Binary.add(Fixtures.random(DType.FLOAT32, rnd, dims), Tensor.scalar(DType.FLOAT32, 10));
            Tensor r = Fixtures.relayout(Fixtures.random(DType.FLOAT32, rnd, dims), 1);
            Tensor g = Fixtures.random(DType.FLOAT32, rnd, c), b = Fixtures.random(DType.FLOAT32, rnd, c);
            float[] gv = g.toFloatArray(), bv = b.toFloatArray();
            Tensor sum = Binary.add(x, r);
            Tensor full = Normalization.layerNorm(sum, g, b, -1, 1e-5).y();
            Tensor noAffine = Normalization.layerNorm(sum, Tensor.full(DType.FLOAT32, Shape.of(c), 1), null, -1, 1e-5).y();
            Tensor biasOnly = Binary.add(noAffine, b);
            for (boolean vector : new boolean[] {true, false}) {
                java.util.function.Supplier<Tensor[]> run = () -> new Tensor[] {
                    Normalization.layerNormLastAxis(x, r, gv, bv, 1e-5f),
                    Normalization.layerNormLastAxis(sum, null, null, null, 1e-5f),
                    Normalization.layerNormLastAxis(sum, null, null, bv, 1e-5f),
                };
                Tensor[] got = vector ? run.get() : Fixtures.scalarOnly(run);
                String what = java.util.Arrays.toString(dims) + (vector ? " vector" : " scalar");
                assertClose("residual + affine " + what, full, got[0], 1e-4, 1e-4);
                assertClose("plain " + what, noAffine, got[1], 1e-4, 1e-4);
                assertClose("bias only " + what, biasOnly, got[2], 1e-4, 1e-4);
            }
        }
        Tensor x = Tensor.zeros(DType.FLOAT32, Shape.of(2, 3));
        assertThrows(IllegalArgumentException.class, () -> Normalization.layerNormLastAxis(x, Tensor.zeros(DType.FLOAT32, Shape.of(3)), null, null, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> Normalization.layerNormLastAxis(x, null, new float[2], null, 1e-5f));
    }

    @Test
    void layerNormOverTrailingAxes() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Binary.add(Fixtures.random(dt, rnd, 3, 4, 37), Tensor.scalar(dt, 100));
            for (int axis : new int[] {-1, 1, 0}) {
                int a = axis < 0 ? axis + 3 : axis;
                int k = 1;
                for (int i = a; i < 3; i++) k *= x.shape().dim(i);
                int[] tail = java.util.Arrays.copyOfRange(x.shape().dims(), a, 3);
                Tensor s = Fixtures.random(dt, Shape.of(tail), rnd), b = Fixtures.random(dt, Shape.of(tail), rnd);
                double[] expected = new double[x.size()];
                for (int r = 0; r < x.size() / k; r++) {
                    double mean = 0, var = 0;
                    for (int i = 0; i < k; i++) mean += x.getDouble(r * k + i) / k;
                    for (int i = 0; i < k; i++) var += Math.pow(x.getDouble(r * k + i) - mean, 2) / k;
                    for (int i = 0; i < k; i++) {
                        expected[r * k + i] = (x.getDouble(r * k + i) - mean) / Math.sqrt(var + 1e-5) * s.getDouble(i) + b.getDouble(i);
                    }
                }
                Tensor in = Fixtures.relayout(x, 0);
                int ax = axis;
                assertClose("layernorm " + dt + " axis " + axis, expected, Normalization.layerNorm(in, s, b, ax, 1e-5).y(), 1e-3, 1e-3);
                assertClose("layernorm scalar", expected, Fixtures.scalarOnly(() -> Normalization.layerNorm(in, s, b, ax, 1e-5).y()), 1e-3, 1e-3);
            }
        }
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Normalization.LayerNormResult r = Normalization.layerNorm(x, Tensor.of(new float[] {1, 1}, 2), null, -1, 0);
        assertClose("y", new double[] {-1, 1, -1, 1}, r.y(), 1e-6, 1e-6);
        assertClose("mean", new double[] {1.5, 3.5}, r.mean(), 1e-6, 0);
        assertClose("invstd", new double[] {2, 2}, r.invStdDev(), 1e-6, 0);
    }

    @Test
    void instanceAndGroupNorm() {
        Tensor x = Fixtures.random(DType.FLOAT32, rnd, 2, 4, 3, 5);
        Tensor s = Fixtures.random(DType.FLOAT32, rnd, 4), b = Fixtures.random(DType.FLOAT32, rnd, 4);
        for (int groups : new int[] {4, 2, 1}) {
            int per = 4 / groups;
            double[] expected = new double[x.size()];
            for (int n = 0; n < 2; n++) {
                for (int g = 0; g < groups; g++) {
                    int base = (n * 4 + g * per) * 15, len = per * 15;
                    double mean = 0, var = 0;
                    for (int i = 0; i < len; i++) mean += x.getDouble(base + i) / len;
                    for (int i = 0; i < len; i++) var += Math.pow(x.getDouble(base + i) - mean, 2) / len;
                    for (int i = 0; i < len; i++) {
                        int ch = g * per + i / 15;
                        expected[base + i] = (x.getDouble(base + i) - mean) / Math.sqrt(var + 1e-5) * s.getDouble(ch) + b.getDouble(ch);
                    }
                }
            }
            assertClose("groupnorm " + groups, expected, Normalization.groupNorm(x, s, b, groups, 1e-5), 1e-4, 1e-4);
            if (groups == 4) assertClose("instancenorm", expected, Normalization.instanceNorm(x, s, b, 1e-5), 1e-4, 1e-4);
        }
        assertThrows(IllegalArgumentException.class, () -> Normalization.groupNorm(x, s, b, 3, 1e-5));
    }

    @Test
    void rmsLpAndMeanVarianceNorm() {
        Tensor x = Tensor.of(new float[] {3, 4, 0, -2}, 2, 2);
        Tensor s = Tensor.of(new float[] {1, 2}, 2);
        double r0 = Math.sqrt(12.5), r1 = Math.sqrt(2);
        assertClose("rms", new double[] {3 / r0, 8 / r0, 0, -4 / r1}, Normalization.rmsNorm(x, s, -1, 0), 1e-6, 1e-7);
        assertClose("l2", new double[] {0.6, 0.8, 0, -1}, Normalization.lpNorm(x, 1, 2), 1e-6, 0);
        assertClose("l1", new double[] {3 / 7.0, 4 / 7.0, 0, -1}, Normalization.lpNorm(x, -1, 1), 1e-6, 0);
        Tensor m = Normalization.meanVarianceNorm(x, new int[] {1});
        assertClose("mvn", new double[] {-1, 1, 1, -1}, m, 1e-6, 1e-6);
    }
}
