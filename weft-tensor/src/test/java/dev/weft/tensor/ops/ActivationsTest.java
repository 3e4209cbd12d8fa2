package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private final Random rnd = new Random(9);

    /**
     * geluInto against the double-precision reference (erfc by continued fraction), relative error
     * over the whole range, the negative tail included, on both paths; in place too.
     */
    @Test
    void geluIntoKeepsRelativeAccuracyEverywhere() {
        float[] xs = new float[1003]; // not a multiple of any vector width
        for (int i = 0; i < xs.length; i++) xs[i] = -12f + 24f * i / xs.length;
        xs[0] = 0f;
        xs[1] = -0f;
        xs[2] = 1e-20f;
        Tensor x = Tensor.of(xs, xs.length);
        double[] expected = new double[xs.length];
        for (int i = 0; i < xs.length; i++) expected[i] = ScalarMath.gelu(xs[i]);
        // The vector path squares z in float: 2·6e-8 relative in z² is 1e-5 of the result at z² = 72.
        assertClose("vector gelu", expected, Activations.geluInto(x, Tensor.zeros(DType.FLOAT32, x.shape())), 2e-5, 0);
        assertClose("scalar gelu", expected,
                Fixtures.scalarOnly(() -> Activations.geluInto(x, Tensor.zeros(DType.FLOAT32, x.shape()))), 2e-6, 0);
        Tensor y = x.copy();
        assertSame(y, Activations.geluInto(y, y));
        assertClose("in place", expected, y, 2e-5, 0);
        // A transposed view goes through the strided path.
        Tensor m = Fixtures.random(DType.FLOAT32, rnd, 7, 9).transpose(1, 0);
        double[] e = new double[m.size()];
        for (int i = 0; i < e.length; i++) e[i] = ScalarMath.gelu(m.getDouble(i));
        assertClose("strided", e, Activations.geluInto(m, Tensor.zeros(DType.FLOAT32, Shape.of(9, 7))), 1e-4, 1e-6);
    }
}
