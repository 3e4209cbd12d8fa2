package dev.weft.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.Program;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A constant Add after a Conv becomes the Conv's bias only when it is one value per channel. */
class ConvBiasFoldingTest {
    private final Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());

    /** y = Conv(x, w [2, 2, 1, 1], b?) + c. */
    private static PatternFusionTest.G convAdd(long[] cDims, float[] c, boolean withBias) {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.add("x");
        g.floats("w", new long[] {2, 2, 1, 1}, 1, -2, 0.5f, 3);
        g.floats("c", cDims, c);
        List<String> convIn = List.of("x", "w");
        if (withBias) {
            g.floats("b", new long[] {2}, 10, 20);
            convIn = List.of("x", "w", "b");
        }
        g.node("Conv", convIn, "conv").node("Add", List.of("conv", "c"), "out");
        g.outputs.add("out");
        return g;
    }

    private List<String> optimizedOps(PatternFusionTest.G g) {
        Program opt = GraphOptimizer.optimize(compiler.compile(g.graph()), compiler).program();
        assertSameOutputs(g, opt);
        return opt.steps().stream().map(s -> s.node().opType()).toList();
    }

    private void assertSameOutputs(PatternFusionTest.G g, Program optimized) {
        Random rnd = new Random(5);
        double[] v = new double[18];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        Map<String, Tensor> feed = Map.of("x", Tensor.fromDoubles(DType.FLOAT32, Shape.of(1, 2, 3, 3), v));
        Tensor e = Interpreter.run(compiler.compile(g.graph()), feed, compiler).get("out");
        Tensor a = Interpreter.run(optimized, feed, compiler).get("out");
        assertEquals(e.shape(), a.shape());
        double[] ev = e.toDoubleArray(), av = a.toDoubleArray();
        for (int i = 0; i < ev.length; i++) assertEquals(ev[i], av[i], 1e-5);
    }

    @Test
    void aPerChannelConstantBecomesTheBias() {
        assertEquals(List.of("Conv"), optimizedOps(convAdd(new long[] {2, 1, 1}, new float[] {0.25f, -4}, false)));
        assertEquals(List.of("Conv"), optimizedOps(convAdd(new long[] {1, 2, 1, 1}, new float[] {0.25f, -4}, true)));
        assertEquals(List.of("Conv"), optimizedOps(convAdd(new long[] {1}, new float[] {7}, true)));
    }

    @Test
    void anOperandThatVariesAlongOtherAxesStaysAnAdd() {
        List<String> ops = optimizedOps(convAdd(new long[] {3}, new float[] {1, 2, 3}, false));
        assertEquals(1, ops.size());
        assertEquals("Conv+Add", ops.getFirst()); // fused as an epilogue, not as a bias
    }
}
