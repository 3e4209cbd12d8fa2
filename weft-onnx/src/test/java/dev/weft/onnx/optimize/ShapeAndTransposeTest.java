package dev.weft.onnx.optimize;

import static dev.weft.onnx.optimize.PatternFusionTest.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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

/** ShapeFolding (a product's fixed last dimension) and TransposeKernel (transposes that keep the memory order). */
class ShapeAndTransposeTest {
    private final Random rnd = new Random(11);

    /** y = x·W + b (W [4, 6]); the first third of y's last axis, its end computed from Shape(y)[index] / 3. */
    private static PatternFusionTest.G split(long index) {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.add("x");
        g.floats("w", new long[] {4, 6}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -2, -3, -4, -5, -6, 0, 1, 0, 1, 0, 1);
        g.floats("b", new long[] {6}, 1, 1, 1, 2, 2, 2);
        g.longs("index", index).longs("three", 3).longs("zero", 0).longs("last", -1);
        g.node("MatMul", List.of("x", "w"), "xw").node("Add", List.of("xw", "b"), "y");
        g.node("Shape", List.of("y"), "shape").node("Gather", List.of("shape", "index"), "n");
        g.node("Div", List.of("n", "three"), "third");
        g.node("Slice", List.of("y", "zero", "third", "last"), "out");
        g.outputs.add("out");
        return g;
    }

    private static Program optimize(PatternFusionTest.G g, Compiler compiler) {
        return GraphOptimizer.optimize(compiler.compile(g.graph()), compiler).program();
    }

    private void compare(PatternFusionTest.G g, int... dims) {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        double[] v = new double[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        Map<String, Tensor> feed = Map.of("x", Tensor.fromDoubles(DType.FLOAT32, Shape.of(dims), v));
        Tensor e = Interpreter.run(compiler.compile(g.graph()), feed, compiler).get("out");
        Tensor a = Interpreter.run(optimize(g, compiler), feed, compiler).get("out");
        assertEquals(e.shape(), a.shape());
        double[] ev = e.toDoubleArray(), av = a.toDoubleArray();
        for (int i = 0; i < ev.length; i++) assertEquals(ev[i], av[i], 1e-5);
    }

    @Test
    void aProductsLastDimensionBecomesAConstant() {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program opt = optimize(split(-1), compiler);
        assertEquals(List.of("MatMul+Add", "Slice"), opt.steps().stream().map(s -> s.node().opType()).toList());
        compare(split(-1), 3, 4);
        // Index 0 is the batch dimension, which the weights do not fix: Shape and Gather stay.
        Program kept = optimize(split(0), compiler);
        assertEquals(1, kept.steps().stream().filter(s -> s.node().opType().equals("Shape")).count());
        compare(split(0), 6, 4);
    }

    @Test
    void transposeOfASizeOneAxisIsAView() {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.add("x");
        g.node("Transpose", List.of("x"), "y", ints("perm", 1, 0, 2));
        g.outputs.add("y");
        Program opt = optimize(g, compiler);
        var kernel = opt.steps().getFirst().op().kernel();
        Tensor x = Tensor.wrap(DType.FLOAT32, Shape.of(1, 3, 2), new float[] {1, 2, 3, 4, 5, 6});
        Tensor view = kernel.apply(List.of(x)).getFirst();
        assertEquals(Shape.of(3, 1, 2), view.shape());
        assertSame(x.data(), view.data(), "a size-1 swap shares the input's array");
        Tensor y = Tensor.wrap(DType.FLOAT32, Shape.of(2, 3, 1), new float[] {1, 2, 3, 4, 5, 6});
        Tensor copied = kernel.apply(List.of(y)).getFirst();
        assertNotSame(y.data(), copied.data());
        assertEquals(Shape.of(3, 2, 1), copied.shape());
        double[] expected = {1, 4, 2, 5, 3, 6};
        double[] got = copied.toDoubleArray();
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], got[i]);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), java.util.Arrays.stream(view.toDoubleArray()).boxed().toList());
    }
}
