package dev.weft.train.model;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;

/** Parameter initialisation, matching PyTorch's defaults so results compare. */
final class Init {
    private Init() {}

    /** Uniform in ±1/sqrt(fanIn): PyTorch's default for Linear and Conv weights and biases. */
    static Tensor uniform(Random rnd, int fanIn, int... dims) {
        double bound = 1 / Math.sqrt(fanIn);
        Tensor t = Tensor.zeros(DType.FLOAT32, Shape.of(dims));
        float[] a = t.floatData();
        for (int i = 0; i < a.length; i++) a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        return t;
    }
}
