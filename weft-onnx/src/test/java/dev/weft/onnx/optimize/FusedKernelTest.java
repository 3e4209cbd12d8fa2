package dev.weft.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.onnx.ops.Kernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How a fused node's steps are combined, and that combining them changes no value. */
class FusedKernelTest {
    private final Random rnd = new Random(3);

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        v[0] = Float.NaN;
        v[1] = -0f;
        if (n > 2) v[2] = 7f; // past ReLU6's bound
        return v;
    }

    /** A producer that hands out a fresh copy of {@code y} on every call, as Conv does. */
    private static Kernel producer(Shape shape, float[] y) {
        return in -> List.of(Tensor.wrap(DType.FLOAT32, shape, y.clone()));
    }

    @Test
    void anAddFollowedByAClampBecomesOneStep() {
        Kernel base = producer(Shape.of(2, 3), values(6));
        FusedKernel relu = FusedKernel.of(base, 1, List.of(new Epilogue.AddInput(1), new Epilogue.Relu()));
        assertEquals(List.of(new Epilogue.AddInput(1, Clamp.RELU)), relu.epilogues());
        FusedKernel clip = FusedKernel.of(base, 1, List.of(new Epilogue.AddInput(1), new Epilogue.Clip(0f, 6f), new Epilogue.Relu()));
        assertEquals(List.of(new Epilogue.AddInput(1, new Clamp(0f, 6f)), new Epilogue.Relu()), clip.epilogues());
        FusedKernel alone = FusedKernel.of(base, 1, List.of(new Epilogue.Relu(), new Epilogue.AddInput(1)));
        assertEquals(List.of(new Epilogue.Relu(), new Epilogue.AddInput(1)), alone.epilogues(), "a clamp before the Add stays apart");
    }

    /** Same bits as the two steps one after the other: a y-shaped residual, one row of y, and a column (the general path). */
    @Test
    void theCombinedStepGivesTheStepsValues() {
        Shape shape = Shape.of(4, 37);
        float[] y = values(4 * 37);
        for (Shape residual : new Shape[] {shape, Shape.of(37), Shape.of(4, 1)}) {
            for (Epilogue clamp : new Epilogue[] {new Epilogue.Relu(), new Epilogue.Clip(0f, 6f), new Epilogue.Clip(-0.5f, 0.5f)}) {
                Tensor r = Tensor.wrap(DType.FLOAT32, residual, values(residual.size()));
                Kernel base = producer(shape, y);
                List<Tensor> inputs = List.of(Tensor.wrap(DType.FLOAT32, shape, y), r);
                Tensor combined = FusedKernel.of(base, 1, List.of(new Epilogue.AddInput(1), clamp)).apply(inputs).getFirst();
                Tensor stepwise = new FusedKernel(base, 1, List.of(new Epilogue.AddInput(1), clamp)).apply(inputs).getFirst();
                float[] a = combined.floatData(), b = stepwise.floatData();
                for (int i = 0; i < shape.size(); i++) {
                    // The two agree bit for bit but for a zero sum against a zero bound (Clamp gives the bound).
                    if (b[i] == 0f && a[i] == 0f) continue;
                    assertEquals(Float.floatToIntBits(b[i]), Float.floatToIntBits(a[i]),
                            "residual " + residual + ", " + clamp + ", element " + i + ": " + a[i] + " vs " + b[i]);
                }
            }
        }
    }
}
