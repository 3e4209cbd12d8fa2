package dev.weft.tensor.nn;

import static dev.weft.tensor.nn.ConvolutionTest.bothPaths;
import static dev.weft.tensor.nn.ConvolutionTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.kernel.ConvWeights;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Planned convolutions and poolings give the unplanned results, call after call, and reject operands of other shapes. */
class PlanTest {
    private final Random rnd = new Random(11);

    @Test
    void aConvPlanGivesTheUnplannedResultOnEveryCall() {
        // Direct (5×5 padded, as MNIST's), Winograd-sized 3×3, strided, grouped, pointwise and 1-d convolutions.
        ConvParams[] params = {
            ConvParams.defaults().withPads(2, 2, 2, 2),
            ConvParams.defaults().withPads(1, 1, 1, 1),
            ConvParams.defaults().withStrides(2, 2).withPads(1, 0, 1, 0),
            ConvParams.defaults().withGroup(2),
            ConvParams.defaults(),
            ConvParams.defaults().withPads(1, 1),
        };
        int[][] xs = {{1, 3, 12, 12}, {2, 8, 10, 10}, {1, 4, 9, 11}, {1, 4, 7, 7}, {2, 6, 20, 20}, {1, 5, 33}};
        int[][] ws = {{4, 3, 5, 5}, {8, 8, 3, 3}, {6, 4, 3, 3}, {6, 2, 3, 3}, {5, 6, 1, 1}, {3, 5, 3}};
        bothPaths(() -> {
            for (int i = 0; i < params.length; i++) {
                Tensor x = random(rnd, xs[i]), w = random(rnd, ws[i]), b = random(rnd, ws[i][0]);
                Convolution.Plan plan = Convolution.plan(x, w, b, params[i]);
                ConvWeights prepared = Convolution.prepare(w);
                for (Clamp clamp : new Clamp[] {null, Clamp.RELU}) {
                    Tensor expected = Convolution.conv(x, w, b, params[i], clamp);
                    assertEquals(expected.shape(), plan.output());
                    for (int call = 0; call < 3; call++) { // later calls reuse what the first left in the plan
                        assertArrayEquals(expected.floatData(), Convolution.conv(plan, x, w, null, b, clamp).floatData(), "case " + i);
                        assertArrayEquals(expected.floatData(), Convolution.conv(plan, x, w, prepared, b, clamp).floatData(), "case " + i);
                        assertArrayEquals(Convolution.conv(x, w, null, params[i], clamp).floatData(),
                                Convolution.conv(plan, x, w, null, null, clamp).floatData(), "case " + i + " without bias");
                    }
                }
            }
        });
    }

    @Test
    void aConvPlanWritesIntoAChannelSliceAsTheUnplannedCallDoes() {
        Tensor x = random(rnd, 1, 3, 12, 12), w = random(rnd, 4, 3, 5, 5), b = random(rnd, 4);
        ConvParams p = ConvParams.defaults().withPads(2, 2, 2, 2);
        Convolution.Plan plan = Convolution.plan(x, w, b, p);
        Tensor expected = Tensor.zeros(DType.FLOAT32, Shape.of(1, 10, 12, 12)), actual = Tensor.zeros(DType.FLOAT32, Shape.of(1, 10, 12, 12));
        Convolution.convInto(x, w, null, b, p, Clamp.RELU, expected, 5);
        for (int call = 0; call < 2; call++) Convolution.convInto(plan, x, w, null, b, Clamp.RELU, actual, 5);
        assertArrayEquals(expected.floatData(), actual.floatData());
    }

    @Test
    void aConvPlanRejectsOperandsOfOtherShapesNamingThem() {
        Tensor x = random(rnd, 1, 3, 12, 12), w = random(rnd, 4, 3, 5, 5);
        Convolution.Plan plan = Convolution.plan(x, w, null, ConvParams.defaults());
        Tensor wider = random(rnd, 1, 3, 12, 13);
        var e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv(plan, wider, w, null, null, null));
        assertEquals("Conv operands do not match their plan (input float32[1, 3, 12, 12], weights float32[4, 3, 5, 5]): "
                + "input float32[1, 3, 12, 13], weights float32[4, 3, 5, 5]", e.getMessage());
        var bias = assertThrows(IllegalArgumentException.class, () -> Convolution.conv(plan, x, w, null, random(rnd, 3), null));
        assertTrue(bias.getMessage().startsWith("Conv bias must have shape [4]:"), bias.getMessage());
        // Making a plan checks what an unplanned call checks, with the same message.
        Tensor badW = random(rnd, 4, 2, 5, 5);
        String unplanned = assertThrows(IllegalArgumentException.class, () -> Convolution.conv(x, badW, null, ConvParams.defaults())).getMessage();
        assertEquals(unplanned, assertThrows(IllegalArgumentException.class, () -> Convolution.plan(x, badW, null, ConvParams.defaults())).getMessage());
    }

    @Test
    void aPoolPlanGivesTheUnplannedResultOnEveryCall() {
        PoolParams[] params = {
            PoolParams.of(2, 2).withStrides(2, 2),                    // MNIST's: the phase-split vector path
            PoolParams.of(3, 3).withStrides(2, 2).withPads(1, 1, 1, 1), // ResNet's: input rows read directly
            PoolParams.of(3, 3).withStrides(1, 1).withCeilMode(true),
            PoolParams.of(2, 2, 2),                                     // 3-d: the scalar loops
        };
        int[][] xs = {{1, 8, 28, 28}, {2, 4, 16, 16}, {1, 3, 9, 9}, {1, 2, 5, 6, 7}};
        bothPaths(() -> {
            for (int i = 0; i < params.length; i++) {
                Tensor x = random(rnd, xs[i]);
                Pooling.Plan max = Pooling.maxPoolPlan(x, params[i]);
                Tensor expectedMax = Pooling.maxPool(x, params[i], false, 0).values();
                assertEquals(expectedMax.shape(), max.output());
                for (boolean include : new boolean[] {false, true}) {
                    Pooling.Plan avg = Pooling.averagePoolPlan(x, params[i], include);
                    Tensor expectedAvg = Pooling.averagePool(x, params[i], include);
                    for (int call = 0; call < 3; call++) {
                        assertArrayEquals(expectedMax.floatData(), Pooling.maxPool(max, x).floatData(), "case " + i);
                        assertArrayEquals(expectedMax.floatData(), Pooling.maxPool(avg, x).floatData(), "case " + i + ", average plan");
                        assertArrayEquals(expectedAvg.floatData(), Pooling.averagePool(avg, x).floatData(), "case " + i);
                    }
                }
            }
        });
    }

    @Test
    void aPoolPlanRejectsInputsOfOtherShapesNamingThem() {
        Tensor x = random(rnd, 1, 8, 28, 28);
        Pooling.Plan plan = Pooling.maxPoolPlan(x, PoolParams.of(2, 2).withStrides(2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(plan, random(rnd, 1, 8, 28, 27)));
        assertEquals("MaxPool input [1, 8, 28, 27] does not match its plan (input [1, 8, 28, 28])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pooling.averagePool(plan, x), "a MaxPool plan does not average");
        Tensor ints = Tensor.zeros(DType.INT32, Shape.of(1, 8, 28, 28));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(plan, ints)).getMessage().contains("floating"));
        // Making a plan checks what an unplanned call checks, with the same message.
        PoolParams tooBig = PoolParams.of(30, 30);
        assertEquals(assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(x, tooBig)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> Pooling.maxPoolPlan(x, tooBig)).getMessage());
    }

    @Test
    void aPlanKeepsTheShapesItWasMadeFor() {
        Tensor x = random(rnd, 1, 3, 12, 12), w = random(rnd, 4, 3, 5, 5);
        Convolution.Plan plan = Convolution.plan(x, w, null, null);
        assertSame(x.shape(), plan.input());
        assertEquals(Shape.of(1, 4, 8, 8), plan.output());
        assertEquals(Shape.of(1, 4, 8, 8), Convolution.conv(plan, x, w, null, null, null).shape());
    }
}
