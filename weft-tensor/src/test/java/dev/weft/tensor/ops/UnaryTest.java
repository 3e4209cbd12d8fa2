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

class UnaryTest {
    private final Random rnd = new Random(42);

    @Test
    void everyFloatOpMatchesItsScalarDefinitionOnEveryLayout() {
        for (UnaryOp op : UnaryOp.values()) {
            if (!op.hasFloatForm()) continue;
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
                for (int[] dims : Fixtures.SHAPES) {
                    Tensor x = Fixtures.random(dt, Shape.of(dims), rnd);
                    double[] expected = new double[x.size()];
                    Tensor rounded = Tensor.zeros(dt, x.shape());
                    for (int i = 0; i < x.size(); i++) {
                        rounded.setDouble(i, op.apply(x.getDouble(i)));
                        expected[i] = rounded.getDouble(i);
                    }
                    double rtol = dt == DType.FLOAT16 ? 2e-3 : dt == DType.BFLOAT16 ? 1e-2 : dt == DType.FLOAT32 ? 2e-6 : 1e-12;
                    for (int variant = 0; variant < 3; variant++) {
                        Tensor in = Fixtures.relayout(x, variant);
                        assertClose(op + " " + dt + Shape.of(dims) + " layout " + variant, expected, Unary.apply(op, in), rtol, 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarPathsAgreeOnLongRuns() {
        for (UnaryOp op : UnaryOp.values()) {
            if (!op.hasFloatForm()) continue;
            Tensor x = Fixtures.random(DType.FLOAT32, rnd, 3, 1000);
            Tensor x2 = Binary.mul(x, Tensor.scalar(4f)); // widen the range past erf's branch points
            for (Tensor in : new Tensor[] {x, x2}) {
                Tensor vector = Unary.apply(op, in);
                Tensor scalar = Fixtures.scalarOnly(() -> Unary.apply(op, in));
                assertClose(op + " vector vs scalar", scalar, vector, 3e-6, 2e-7);
            }
        }
    }

    @Test
    void integerOpsAreExact() {
        Tensor x = Tensor.of(new long[] {-5, 0, 7, Long.MIN_VALUE + 1}, 4);
        assertSameLongs("neg", new long[] {5, 0, -7, Long.MAX_VALUE}, Unary.neg(x));
        assertSameLongs("abs", new long[] {5, 0, 7, Long.MAX_VALUE}, Unary.abs(x));
        assertSameLongs("sign", new long[] {-1, 0, 1, -1}, Unary.sign(x));
        assertSameLongs("relu", new long[] {0, 0, 7, 0}, Unary.relu(x));
        assertSameLongs("not", new long[] {4, -1, -8, Long.MAX_VALUE - 1}, Unary.apply(UnaryOp.BITWISE_NOT, x));
        Tensor u8 = Tensor.fromLongs(DType.UINT8, Shape.of(3), 0, 1, 255);
        assertSameLongs("uint8 not", new long[] {255, 254, 0}, Unary.apply(UnaryOp.BITWISE_NOT, u8));
        assertSameLongs("uint8 neg wraps", new long[] {0, 255, 1}, Unary.neg(u8));
        Tensor b = Tensor.ofBools(new boolean[] {true, false}, 2);
        assertSameLongs("bool not", new long[] {0, 1}, Unary.apply(UnaryOp.BITWISE_NOT, b));
        assertThrows(IllegalArgumentException.class, () -> Unary.apply(UnaryOp.BITWISE_NOT, Tensor.scalar(1f)));
    }

    @Test
    void roundIsHalfToEvenAndSpecialValuesSurvive() {
        Tensor x = Tensor.of(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, Float.NaN, Float.POSITIVE_INFINITY}, 7);
        assertClose("round", new double[] {0, 2, 2, -0.0, -2, Double.NaN, Double.POSITIVE_INFINITY}, Unary.round(x), 0, 0);
        Tensor r = Unary.relu(Tensor.of(new float[] {Float.NaN, -1, 2}, 3));
        assertTrue(Float.isNaN(r.floatData()[0]));
        assertEquals(0f, r.floatData()[1]);
    }

    @Test
    void erfMatchesKnownValues() {
        // erf values from tables (Abramowitz & Stegun 7.1).
        double[] xs = {0, 0.1, 0.5, 1, 2, 3, 4, -1.5, 10};
        double[] erf = {0, 0.1124629160182849, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527,
            0.9999779095030014, 0.9999999845827421, -0.9661051464753108, 1};
        for (int i = 0; i < xs.length; i++) assertEquals(erf[i], ScalarMath.erf(xs[i]), 1e-15, "erf(" + xs[i] + ")");
        Tensor t = Tensor.of(new float[] {0f, 0.1f, 0.5f, 1f, 2f, 3f, 4f, -1.5f, 10f}, 9);
        assertClose("vector erf", erf, Unary.erf(t), 3e-7, 1e-7);
    }

    @Test
    void geluKeepsRelativeAccuracyInTheNegativeTail() {
        float[] xs = new float[64];
        for (int i = 0; i < xs.length; i++) xs[i] = -3f - 9f * i / xs.length;
        Tensor x = Tensor.of(xs, xs.length);
        double[] expected = new double[xs.length];
        // Reference: x/2 * erfc(-x/sqrt 2) with erfc from the continued fraction, exact to double precision here.
        for (int i = 0; i < xs.length; i++) expected[i] = ScalarMath.gelu(xs[i]);
        assertClose("vector gelu tail", expected, Unary.gelu(x), 1e-4, 0);
        assertClose("scalar gelu tail", expected, Fixtures.scalarOnly(() -> Unary.gelu(x)), 1e-6, 0);
        assertEquals(2.209049699858544e-05, ScalarMath.erfc(3), 1e-18);
        assertEquals(1.5374597944280349e-12, ScalarMath.erfc(5), 1e-24);
    }

    @Test
    void intoWritesThePreallocatedOutputAndChecksIt() {
        Tensor x = Fixtures.random(DType.FLOAT32, rnd, 5, 20);
        Tensor out = Tensor.zeros(DType.FLOAT32, x.shape());
        assertEquals(out, Unary.into(UnaryOp.EXP, x, out) == out ? out : null);
        assertClose("into", Unary.exp(x), out, 0, 0);
        Unary.into(UnaryOp.NEG, x, x);
        assertClose("in place", Unary.reciprocal(out).toDoubleArray(), Unary.exp(x), 1e-6, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Unary.into(UnaryOp.EXP, x, Tensor.zeros(DType.FLOAT32, Shape.of(5, 21))));
        assertTrue(e.getMessage().contains("[5, 21]") && e.getMessage().contains("[5, 20]"), e.getMessage());
    }

    @Test
    void parameterisedActivationsFollowOnnx() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 0.5f, 2}, 5);
        assertClose("leaky", new double[] {-0.2, -0.05, 0, 0.5, 2}, Activations.leakyRelu(x, 0.1), 1e-6, 0);
        assertClose("clip", new double[] {-1, -0.5, 0, 0.5, 1}, Activations.clip(x, -1, 1), 0, 0);
        assertClose("elu", new double[] {Math.expm1(-2), Math.expm1(-0.5), 0, 0.5, 2}, Activations.elu(x, 1), 1e-6, 0);
        assertClose("hardsigmoid", new double[] {0.1, 0.4, 0.5, 0.6, 0.9}, Activations.hardSigmoid(x, 0.2, 0.5), 1e-6, 0);
        assertClose("hardswish", new double[] {-2 * (1 / 6.0), -0.5 * (0.5 - 0.5 / 6), 0, 0.5 * (0.5 + 0.5 / 6), 2 * (0.5 + 2 / 6.0)},
                Unary.apply(UnaryOp.HARDSWISH, x), 1e-6, 1e-7);
        Tensor i = Tensor.of(new int[] {-7, 3, 9}, 3);
        assertSameLongs("int clip", new long[] {-5, 3, 5}, Activations.clip(i, -5.5, 5.5));
        assertSameLongs("int clip tensors", new long[] {-7, 3, 4},
                Activations.clip(i, null, Tensor.of(new int[] {4})));
        Tensor big = Fixtures.random(DType.FLOAT32, rnd, 70);
        assertClose("clip vector vs scalar", Fixtures.scalarOnly(() -> Activations.clip(big, -1, 0.5)), Activations.clip(big, -1, 0.5), 0, 0);
        assertClose("leaky vector vs scalar", Fixtures.scalarOnly(() -> Activations.leakyRelu(big, 0.3)), Activations.leakyRelu(big, 0.3), 0, 0);
    }
}
