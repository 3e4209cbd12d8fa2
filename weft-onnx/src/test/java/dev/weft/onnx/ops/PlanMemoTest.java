package dev.weft.onnx.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import dev.weft.tensor.nn.PoolParams;
import dev.weft.tensor.nn.Pooling;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Conv and pooling kernels keep the plan of their last shapes, reuse it, and still reject wrong shapes as before. */
class PlanMemoTest {
    private final Random rnd = new Random(5);

    private Tensor random(int... dims) {
        Tensor t = Tensor.zeros(DType.FLOAT32, Shape.of(dims));
        float[] d = t.floatData();
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextFloat() * 2 - 1;
        return t;
    }

    /** Conv attributes as MNIST's: SAME_UPPER padding, kernel from the weights. */
    private static Spatial.Attrs same() {
        return new Spatial.Attrs(null, null, null, null, "SAME_UPPER", false);
    }

    @Test
    void aShapeMemoAnswersOnlyForItsShapes() {
        ShapeMemo<String> memo = new ShapeMemo<>();
        assertNull(memo.get(Shape.of(2, 3), null));
        assertEquals("a", memo.put(Shape.of(2, 3), null, "a"));
        assertEquals("a", memo.get(Shape.of(2, 3), null), "equal shapes, not only the same object");
        assertNull(memo.get(Shape.of(2, 3), Shape.of(1)));
        assertNull(memo.get(Shape.of(3, 2), null));
        memo.put(Shape.of(3, 2), Shape.of(1), "b");
        assertEquals("b", memo.get(Shape.of(3, 2), Shape.of(1)));
        assertNull(memo.get(Shape.of(2, 3), null), "one entry: the last");
    }

    @Test
    void convReusesThePlanOfItsLastShapesAndGivesTheUnplannedResult() {
        NnOps.ConvKernel k = new NnOps.ConvKernel(same(), 1, null, Clamp.RELU);
        Tensor x = random(1, 1, 28, 28), w = random(8, 1, 5, 5), b = random(8);
        List<Tensor> in = List.of(x, w, b);
        ConvParams p = ConvParams.defaults().withPads(2, 2, 2, 2);
        float[] expected = Convolution.conv(x, w, null, b, p, Clamp.RELU).floatData();
        assertArrayEquals(expected, k.compute(in).floatData());
        Convolution.Plan plan = k.plan(x, w, b);
        assertArrayEquals(expected, k.compute(in).floatData());
        assertSame(plan, k.plan(random(1, 1, 28, 28), random(8, 1, 5, 5), b), "same shapes, same plan");
        assertSame(plan.output(), k.sliceShape(in), "the slice shape is the plan's");

        Tensor x2 = random(2, 1, 14, 14);
        assertArrayEquals(Convolution.conv(x2, w, null, b, p, Clamp.RELU).floatData(), k.compute(List.of(x2, w, b)).floatData());
        assertNotSame(plan, k.plan(x2, w, b), "new shapes, new plan");

        NnOps.ConvKernel prepared = (NnOps.ConvKernel) k.withConstant(1, w);
        assertArrayEquals(expected, prepared.compute(in).floatData());
        assertArrayEquals(expected, prepared.compute(in).floatData());
    }

    @Test
    void convIntoASliceUsesThePlanToo() {
        NnOps.ConvKernel k = new NnOps.ConvKernel(same(), 1, null, null);
        Tensor x = random(1, 2, 9, 9), w = random(3, 2, 3, 3);
        List<Tensor> in = List.of(x, w);
        float[] alone = k.compute(in).floatData();
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(1, 5, 9, 9));
        for (int call = 0; call < 2; call++) k.applyInto(in, out, 2);
        float[] slice = Arrays.copyOfRange(out.floatData(), 2 * 81, 5 * 81);
        assertArrayEquals(alone, slice);
    }

    @Test
    void aWrongShapeAfterAPlanFailsAsWithoutOne() {
        Tensor x = random(1, 1, 28, 28), w = random(8, 1, 5, 5), b = random(8);
        NnOps.ConvKernel k = new NnOps.ConvKernel(same(), 1, null, null);
        k.compute(List.of(x, w, b));
        Tensor twoChannels = random(1, 2, 28, 28);
        String fresh = assertThrows(IllegalArgumentException.class,
                () -> new NnOps.ConvKernel(same(), 1, null, null).compute(List.of(twoChannels, w, b))).getMessage();
        String planned = assertThrows(IllegalArgumentException.class, () -> k.compute(List.of(twoChannels, w, b))).getMessage();
        assertEquals(fresh, planned);
        assertTrue(planned.startsWith("Conv input has 2 channels but the weights expect 1 per group"), planned);
        var bias = assertThrows(IllegalArgumentException.class, () -> k.compute(List.of(x, w, random(7))));
        assertTrue(bias.getMessage().startsWith("Conv bias must have shape [8]:"), bias.getMessage());
        assertArrayEquals(k.compute(List.of(x, w, b)).floatData(), new NnOps.ConvKernel(same(), 1, null, null).compute(List.of(x, w, b)).floatData(),
                "a failed call leaves a working kernel");
    }

    @Test
    void maxPoolReusesThePlanOfItsLastShape() {
        PoolOps.PlannedPool k = PoolOps.PlannedPool.max(
                new Spatial.Attrs(new int[] {2, 2}, new int[] {2, 2}, null, null, "NOTSET", false), false);
        Tensor x = random(1, 8, 28, 28);
        float[] expected = Pooling.maxPool(x, PoolParams.of(2, 2).withStrides(2, 2)).floatData();
        assertArrayEquals(expected, k.compute(List.of(x)).floatData());
        Pooling.Plan plan = k.plan(x);
        assertArrayEquals(expected, k.compute(List.of(x)).floatData());
        assertSame(plan, k.plan(random(1, 8, 28, 28)));
        assertEquals(Shape.of(1, 8, 14, 14), plan.output());
        Tensor other = random(1, 8, 9, 9);
        assertEquals(Shape.of(1, 8, 4, 4), k.compute(List.of(other)).shape());
        assertNotSame(plan, k.plan(other));
        Tensor tiny = random(1, 8, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> k.compute(List.of(tiny)), "a window larger than the input");
    }

    /**
     * AveragePool on float32 runs weft-tensor's kernel through a plan; the same attributes on a
     * float64 input take the reference loop, and both agree: padding counted or not, ceil mode,
     * strides, and a plan kept for the last shape.
     */
    @Test
    void averagePoolMatchesTheReferenceLoopAndReusesThePlanOfItsLastShape() {
        Spatial.Attrs[] attrs = {
            new Spatial.Attrs(new int[] {3, 3}, new int[] {1, 1}, null, new int[] {1, 1, 1, 1}, "NOTSET", false),
            new Spatial.Attrs(new int[] {2, 2}, new int[] {2, 2}, null, null, "NOTSET", true),
            new Spatial.Attrs(new int[] {3, 3}, new int[] {2, 2}, null, null, "SAME_UPPER", false),
        };
        for (Spatial.Attrs a : attrs) {
            for (boolean includePad : new boolean[] {false, true}) {
                PoolOps.PlannedPool k = PoolOps.PlannedPool.average(a, includePad);
                Tensor x = random(2, 3, 11, 11);
                float[] got = k.compute(List.of(x)).floatData();
                float[] reference = k.compute(List.of(x.castTo(DType.FLOAT64))).castTo(DType.FLOAT32).floatData();
                assertEquals(reference.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(reference[i], got[i], 1e-6f, Arrays.toString(a.kernel()) + " includePad=" + includePad + " at " + i);
                }
                Pooling.Plan plan = k.plans().get(x.shape(), null);
                assertTrue(plan != null, "the float32 call went through a plan");
                assertSame(plan, k.plan(random(2, 3, 11, 11)));
                assertNotSame(plan, k.plan(random(1, 3, 12, 12)));
            }
        }
    }
}
