package dev.weft.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.GraphProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.onnx.proto.TensorProto;
import dev.weft.onnx.proto.ValueInfoProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LayerNorm and GELU subgraphs as PyTorch writes them: the fused program computes what the
 * written-out one does, and near misses (another axis, another constant, an extra reader, an
 * intermediate that is a graph output) stay unfused.
 */
class PatternFusionTest {
    private final Random rnd = new Random(5);

    /** Builds a graph node by node; initializers are float32 unless given as longs. */
    static final class G {
        final List<NodeProto> nodes = new ArrayList<>();
        final List<TensorProto> inits = new ArrayList<>();
        final List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();

        G node(String op, List<String> in, String out, AttributeProto... attrs) {
            nodes.add(new NodeProto(in, List.of(out), out + "_node", op, "", List.of(attrs)));
            return this;
        }

        G floats(String name, long[] dims, float... v) {
            inits.add(new TensorProto(name, dims, 1, v, new int[0], new long[0], new double[0], new long[0], List.of(), null,
                    Map.of(), false, false));
            return this;
        }

        G longs(String name, long... v) {
            inits.add(new TensorProto(name, new long[] {v.length}, 7, new float[0], new int[0], v, new double[0], new long[0],
                    List.of(), null, Map.of(), false, false));
            return this;
        }

        GraphProto graph() {
            return new GraphProto("g", nodes, inits, inputs.stream().map(n -> new ValueInfoProto(n, null)).toList(),
                    outputs.stream().map(n -> new ValueInfoProto(n, null)).toList(), List.of(), 0);
        }
    }

    static AttributeProto ints(String name, long... v) {
        return new AttributeProto(name, AttributeProto.INTS, "", 0f, 0, null, null, null, null, v, List.of(), List.of(), List.of());
    }

    /** x [, + r] → LayerNorm over axes {@code axes} with eps, exponent and optional gamma/beta. */
    private static G layerNorm(long axis, float exponent, boolean residual, boolean affine, boolean squareByMul) {
        G g = new G();
        g.inputs.add("x");
        String x = "x";
        if (residual) {
            g.inputs.add("r");
            g.node("Add", List.of("x", "r"), "z");
            x = "z";
        }
        g.floats("two", new long[0], exponent).floats("eps", new long[0], 1e-5f);
        g.node("ReduceMean", List.of(x), "mean", ints("axes", axis));
        g.node("Sub", List.of(x, "mean"), "d");
        if (squareByMul) g.node("Mul", List.of("d", "d"), "sq");
        else g.node("Pow", List.of("d", "two"), "sq");
        g.node("ReduceMean", List.of("sq"), "var", ints("axes", axis));
        g.node("Add", List.of("var", "eps"), "ve");
        g.node("Sqrt", List.of("ve"), "sd");
        g.node("Div", List.of("d", "sd"), "n");
        String y = "n";
        if (affine) {
            g.floats("gamma", new long[] {6}, 0.5f, 1.5f, -1f, 2f, 1f, 0.25f).floats("beta", new long[] {6}, 0.1f, -0.2f, 0f, 1f, 2f, -3f);
            g.node("Mul", List.of("n", "gamma"), "m");
            g.node("Add", List.of("m", "beta"), "y");
            y = "y";
        }
        g.outputs.add(y);
        return g;
    }

    /** GELU in one of three arrangements of the ½, with the given √2 divisor and offset. */
    private static G gelu(int arrangement, float sqrt2, float one, float half) {
        G g = new G();
        g.inputs.add("x");
        g.floats("s", new long[0], sqrt2).floats("one", new long[0], one).floats("half", new long[0], half);
        g.node("Div", List.of("x", "s"), "u");
        g.node("Erf", List.of("u"), "e");
        g.node("Add", List.of("e", "one"), "v");
        switch (arrangement) {
            case 0 -> g.node("Mul", List.of("x", "v"), "w").node("Mul", List.of("w", "half"), "y");
            case 1 -> g.node("Mul", List.of("v", "half"), "w").node("Mul", List.of("x", "w"), "y");
            default -> g.node("Mul", List.of("half", "x"), "w").node("Mul", List.of("w", "v"), "y");
        }
        g.outputs.add("y");
        return g;
    }

    /** Optimizes g; checks outputs against the plain program on random inputs; returns the pattern count. */
    private int fuseAndCompare(G g, int... dims) {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program plain = compiler.compile(g.graph());
        GraphOptimizer.Result r = GraphOptimizer.optimize(plain, compiler);
        Map<String, Tensor> feed = new java.util.HashMap<>();
        for (String in : g.inputs) {
            float[] v = new float[Shape.of(dims).size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() * 3 + 1);
            feed.put(in, Tensor.wrap(DType.FLOAT32, Shape.of(dims), v));
        }
        Map<String, Tensor> expected = Interpreter.run(plain, feed, compiler), actual = Interpreter.run(r.program(), feed, compiler);
        assertEquals(expected.keySet(), actual.keySet());
        for (String out : expected.keySet()) {
            assertEquals(expected.get(out).shape(), actual.get(out).shape(), out);
            double[] e = expected.get(out).toDoubleArray(), a = actual.get(out).toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 2e-5 + 2e-5 * Math.abs(e[i]), out + "[" + i + "]: " + a[i] + " vs " + e[i]);
            }
        }
        return r.report().patterns();
    }

    @Test
    void layerNormVariantsFuseIntoOneNode() {
        for (boolean residual : new boolean[] {false, true}) {
            for (boolean affine : new boolean[] {false, true}) {
                for (boolean byMul : new boolean[] {false, true}) {
                    G g = layerNorm(-1, 2f, residual, affine, byMul);
                    assertEquals(1, fuseAndCompare(g, 2, 5, 6), "residual " + residual + " affine " + affine + " mul " + byMul);
                    Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
                    Program opt = GraphOptimizer.optimize(compiler.compile(g.graph()), compiler).program();
                    assertEquals(1, opt.steps().size());
                    assertEquals(residual ? "SkipLayerNormalization" : "LayerNormalization", opt.steps().getFirst().node().opType());
                }
            }
        }
        // Rank 1 and a last axis of odd length (not a multiple of any vector width).
        assertEquals(1, fuseAndCompare(layerNorm(-1, 2f, true, false, false), 37));
    }

    @Test
    void layerNormNearMissesStayUnfused() {
        assertEquals(0, fuseAndCompare(layerNorm(1, 2f, false, true, false), 2, 5, 6), "axis 1");
        assertEquals(0, fuseAndCompare(layerNorm(-1, 4f, false, true, false), 2, 5, 6), "exponent 4");
        G extra = layerNorm(-1, 2f, false, true, false);
        extra.node("Neg", List.of("d"), "also").outputs.add("also");
        assertEquals(0, fuseAndCompare(extra, 2, 5, 6), "d has another reader");
        G exposed = layerNorm(-1, 2f, false, true, false);
        exposed.outputs.add("sd");
        assertEquals(0, fuseAndCompare(exposed, 2, 5, 6), "an intermediate is a graph output");
        // The residual sum read elsewhere: the normalization fuses, the Add stays outside it.
        G shared = layerNorm(-1, 2f, true, true, false);
        shared.node("Neg", List.of("z"), "zneg").outputs.add("zneg");
        assertEquals(1, fuseAndCompare(shared, 2, 5, 6));
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program opt = GraphOptimizer.optimize(compiler.compile(shared.graph()), compiler).program();
        assertTrue(opt.steps().stream().anyMatch(s -> s.node().opType().equals("LayerNormalization")));
        assertTrue(opt.steps().stream().anyMatch(s -> s.node().opType().equals("Add")));
    }

    @Test
    void geluArrangementsFuseAndMatch() {
        float sqrt2 = (float) Math.sqrt(2);
        for (int arrangement = 0; arrangement < 3; arrangement++) {
            assertEquals(1, fuseAndCompare(gelu(arrangement, sqrt2, 1f, 0.5f), 3, 41), "arrangement " + arrangement);
        }
        G byMul = new G();
        byMul.inputs.add("x");
        byMul.floats("s", new long[0], (float) (1 / Math.sqrt(2))).floats("one", new long[0], 1f).floats("half", new long[0], 0.5f);
        byMul.node("Mul", List.of("s", "x"), "u").node("Erf", List.of("u"), "e").node("Add", List.of("one", "e"), "v")
                .node("Mul", List.of("v", "x"), "w").node("Mul", List.of("half", "w"), "y").outputs.add("y");
        assertEquals(1, fuseAndCompare(byMul, 17));
    }

    @Test
    void geluNearMissesStayUnfused() {
        assertEquals(0, fuseAndCompare(gelu(0, 1.41f, 1f, 0.5f), 3, 41), "√2 rounded");
        assertEquals(0, fuseAndCompare(gelu(0, (float) Math.sqrt(2), 2f, 0.5f), 3, 41), "1 + erf replaced");
        assertEquals(0, fuseAndCompare(gelu(1, (float) Math.sqrt(2), 1f, 0.25f), 3, 41), "¼ for ½");
        G extra = gelu(0, (float) Math.sqrt(2), 1f, 0.5f);
        extra.outputs.add("e");
        assertEquals(0, fuseAndCompare(extra, 3, 41), "erf is a graph output");
    }

    /** A fused GELU on a float64 input runs the original nodes (the fast path is float32 only). */
    @Test
    void replayCoversWhatTheFastPathDoesNot() {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program opt = GraphOptimizer.optimize(compiler.compile(layerNorm(-1, 2f, true, true, false).graph()), compiler).program();
        LayerNormKernel k = (LayerNormKernel) opt.steps().getFirst().op().kernel();
        // Operands that broadcast rather than match: the fast path refuses, the replay broadcasts.
        Tensor x = Tensor.wrap(DType.FLOAT32, Shape.of(2, 6), new float[] {1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1});
        Tensor r = Tensor.wrap(DType.FLOAT32, Shape.of(6), new float[] {0, 1, 0, 1, 0, 1});
        Tensor y = k.apply(List.of(x, r)).getFirst();
        Map<String, Tensor> expected = Interpreter.run(compiler.compile(layerNorm(-1, 2f, true, true, false).graph()),
                Map.of("x", x, "r", r), compiler);
        assertEquals(Shape.of(2, 6), y.shape());
        double[] e = expected.get("y").toDoubleArray(), a = y.toDoubleArray();
        for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-5);
    }
}
