package dev.weft.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Convolutions feeding a channel Concat write into its result: the fused program computes what the
 * plain one does (batches, depthwise and dense parts, three parts), and near misses (another axis, a
 * producer read elsewhere, an input that no convolution makes) stay as they were.
 */
class ConcatFusionTest {
    private final Random rnd = new Random(11);

    private static AttributeProto integer(String name, long v) {
        return new AttributeProto(name, AttributeProto.INT, "", 0f, v, null, null, null, null, new long[0], List.of(), List.of(), List.of());
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    /** Adds conv {@code name} of x ([?, c, ...]) with m outputs, a k×k kernel, pad k/2, the given group, optional Relu. */
    private PatternFusionTest.G conv(PatternFusionTest.G g, String name, int c, int m, int k, int group, boolean relu) {
        g.floats(name + "_w", new long[] {m, c / group, k, k}, random(m * (c / group) * k * k));
        g.floats(name + "_b", new long[] {m}, random(m));
        String out = relu ? name + "_pre" : name;
        g.node("Conv", List.of("x", name + "_w", name + "_b"), out, PatternFusionTest.ints("pads", k / 2, k / 2, k / 2, k / 2),
                integer("group", group));
        if (relu) g.node("Relu", List.of(out), name);
        return g;
    }

    /** Optimizes g, checks the result against the plain program, returns the optimized program. */
    private Program fuseAndCompare(PatternFusionTest.G g, int... dims) {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program plain = compiler.compile(g.graph());
        Program opt = GraphOptimizer.optimize(plain, compiler).program();
        int size = 1;
        for (int d : dims) size *= d;
        Map<String, Tensor> feed = Map.of("x", Tensor.wrap(DType.FLOAT32, Shape.of(dims), random(size)));
        Map<String, Tensor> expected = Interpreter.run(plain, feed, compiler), actual = Interpreter.run(opt, feed, compiler);
        assertEquals(expected.keySet(), actual.keySet());
        for (String out : expected.keySet()) {
            assertEquals(expected.get(out).shape(), actual.get(out).shape(), out);
            double[] e = expected.get(out).toDoubleArray(), a = actual.get(out).toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 + 1e-5 * Math.abs(e[i]), out + "[" + i + "]: " + a[i] + " vs " + e[i]);
            }
        }
        return opt;
    }

    private static long concats(Program p) {
        return p.steps().stream().filter(s -> s.node().opType().endsWith("+Concat")).count();
    }

    private PatternFusionTest.G fire(int c) {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.add("x");
        conv(g, "e1", c, 5, 1, 1, true);
        conv(g, "e3", c, 7, 3, 1, true);
        g.node("Concat", List.of("e1", "e3"), "y", integer("axis", 1)).outputs.add("y");
        return g;
    }

    @Test
    void fireModulesWriteIntoTheConcat() {
        Program one = fuseAndCompare(fire(4), 1, 4, 9, 9);
        assertEquals(1, concats(one));
        assertEquals(1, one.steps().size(), "two convolutions and the Concat in one node");
        assertEquals(1, concats(fuseAndCompare(fire(4), 3, 4, 6, 5)), "three images: each part's channels per image");
        assertEquals(1, concats(fuseAndCompare(fire(3), 2, 3, 17, 40)), "a wide plane: the vector paths of every kernel");
    }

    @Test
    void depthwiseAndThreeParts() {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.add("x");
        conv(g, "a", 6, 6, 3, 6, true);   // depthwise: computed aside, copied into its channels
        conv(g, "b", 6, 4, 1, 1, false);  // no Relu
        conv(g, "c", 6, 3, 3, 3, true);   // grouped
        g.node("Concat", List.of("b", "a", "c"), "y", integer("axis", 1)).outputs.add("y");
        assertEquals(1, concats(fuseAndCompare(g, 2, 6, 8, 8)));
    }

    @Test
    void nearMissesStayAsTheyWere() {
        PatternFusionTest.G axis = new PatternFusionTest.G();
        axis.inputs.add("x");
        conv(axis, "e1", 4, 5, 1, 1, true);
        conv(axis, "e3", 4, 5, 3, 1, true);
        axis.node("Concat", List.of("e1", "e3"), "y", integer("axis", 2)).outputs.add("y");
        assertEquals(0, concats(fuseAndCompare(axis, 1, 4, 6, 6)), "axis 2");

        PatternFusionTest.G shared = fire(4);
        shared.node("Neg", List.of("e1"), "also").outputs.add("also");
        assertEquals(0, concats(fuseAndCompare(shared, 1, 4, 6, 6)), "a part read elsewhere");

        PatternFusionTest.G exposed = fire(4);
        exposed.outputs.add("e3");
        assertEquals(0, concats(fuseAndCompare(exposed, 1, 4, 6, 6)), "a part that is a graph output");

        PatternFusionTest.G input = new PatternFusionTest.G();
        input.inputs.add("x");
        conv(input, "e1", 4, 5, 1, 1, true);
        input.node("Concat", List.of("e1", "x"), "y", integer("axis", 1)).outputs.add("y");
        assertEquals(0, concats(fuseAndCompare(input, 1, 4, 6, 6)), "a part that is the graph input");
    }

    /** A part that cannot write into a slice: every part runs as it would alone, then a Concat. */
    @Test
    void aPartWithoutASliceTakesTheCopyingPath() {
        Tensor ones = Tensor.full(DType.FLOAT32, Shape.of(1, 2, 3), 1), twos = Tensor.full(DType.FLOAT32, Shape.of(1, 1, 3), 2);
        record Fixed(Tensor value) implements dev.weft.onnx.ops.ChannelSliceKernel {
            @Override public List<Tensor> apply(List<Tensor> in) { return List.of(value); }
            @Override public Shape sliceShape(List<Tensor> in) { return null; }
            @Override public void applyInto(List<Tensor> in, Tensor out, int channelOffset) { throw new AssertionError("not sliceable"); }
        }
        ConcatIntoKernel k = new ConcatIntoKernel(List.of(new Fixed(ones), new Fixed(twos)), new int[] {0, 0, 0});
        Tensor y = k.apply(List.of()).getFirst();
        assertEquals(Shape.of(1, 3, 3), y.shape());
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0),
                java.util.Arrays.stream(y.toDoubleArray()).boxed().toList());
    }
}
