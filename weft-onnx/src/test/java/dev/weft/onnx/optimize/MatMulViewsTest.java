package dev.weft.onnx.optimize;

import static dev.weft.onnx.optimize.PatternFusionTest.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.Program;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Attention's products with their Transposes and scale folded in, against the written-out graph. */
class MatMulViewsTest {
    private final Random rnd = new Random(3);

    /** q, k, v [seq, heads, d] → heads-first, q/√d, q·kᵀ, ·v, back to seq-first. */
    private static PatternFusionTest.G attention(float[] scaleDims, long[] outPerm) {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.addAll(List.of("q", "k", "v"));
        g.floats("scale", scaleDims.length == 1 ? new long[0] : new long[] {scaleDims.length}, scaleDims);
        g.node("Transpose", List.of("q"), "qt", ints("perm", 1, 0, 2));
        g.node("Div", List.of("qt", "scale"), "qs");
        g.node("Transpose", List.of("k"), "kt", ints("perm", 1, 2, 0));
        g.node("MatMul", List.of("qs", "kt"), "scores");
        g.node("Softmax", List.of("scores"), "p");
        g.node("Transpose", List.of("v"), "vt", ints("perm", 1, 0, 2));
        g.node("MatMul", List.of("p", "vt"), "ctx");
        g.node("Transpose", List.of("ctx"), "y", ints("perm", outPerm));
        g.outputs.add("y");
        return g;
    }

    /** Optimizes g, compares with the plain program on random inputs of {@code dims}; returns the optimized program. */
    private Program check(PatternFusionTest.G g, DType dtype, int... dims) {
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program plain = compiler.compile(g.graph());
        Program opt = GraphOptimizer.optimize(plain, compiler).program();
        Map<String, Tensor> feed = new HashMap<>();
        for (String in : g.inputs) {
            double[] v = new double[Shape.of(dims).size()];
            for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
            feed.put(in, Tensor.fromDoubles(dtype, Shape.of(dims), v));
        }
        Tensor e = Interpreter.run(plain, feed, compiler).get("y"), a = Interpreter.run(opt, feed, compiler).get("y");
        assertEquals(e.shape(), a.shape());
        double[] ev = e.toDoubleArray(), av = a.toDoubleArray();
        for (int i = 0; i < ev.length; i++) assertEquals(ev[i], av[i], 1e-5 + 1e-5 * Math.abs(ev[i]), "y[" + i + "]");
        return opt;
    }

    private static long count(Program p, String op) { return p.steps().stream().filter(s -> s.node().opType().equals(op)).count(); }

    @Test
    void transposesAndScaleBecomeViews() {
        // 7×7×4 products run on the view path; 160×160×24 ones are too big for it and replay the nodes.
        for (int[] dims : new int[][] {{7, 3, 4}, {160, 1, 24}}) {
            Program opt = check(attention(new float[] {2f}, new long[] {1, 0, 2}), DType.FLOAT32, dims);
            assertEquals(0, count(opt, "Transpose"), "every Transpose folded");
            assertEquals(0, count(opt, "Div"));
            assertEquals(2, count(opt, "MatMul"));
        }
        Program odd = check(attention(new float[] {3f}, new long[] {1, 0, 2}), DType.FLOAT32, 13, 5, 17);
        assertEquals(0, count(odd, "Transpose"));
    }

    /** Packed q|k|v [seq, 1, 3·h·d] → three Slices of the last axis → Reshape [seq, h, d] → the attention above. */
    private static PatternFusionTest.G packed(int heads, int d, long[] reshapeTo) {
        PatternFusionTest.G g = attention(new float[] {2f}, new long[] {1, 0, 2});
        g.inputs.clear();
        g.inputs.add("qkv");
        int hd = heads * d;
        g.longs("to", reshapeTo).longs("last", -1).longs("s0", 0).longs("s1", hd).longs("s2", 2L * hd).longs("s3", 3L * hd);
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("vs", "to"), List.of("v"), "rv", "Reshape", "", List.of()));
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("ks", "to"), List.of("k"), "rk", "Reshape", "", List.of()));
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("qs0", "to"), List.of("q"), "rq", "Reshape", "", List.of()));
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("qkv", "s2", "s3", "last"), List.of("vs"), "sv", "Slice", "", List.of()));
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("qkv", "s1", "s2", "last"), List.of("ks"), "sk", "Slice", "", List.of()));
        g.nodes.add(0, new dev.weft.onnx.proto.NodeProto(List.of("qkv", "s0", "s1", "last"), List.of("qs0"), "sq", "Slice", "", List.of()));
        return g;
    }

    @Test
    void reshapesOfSlicesBecomeViewsToo() {
        Program opt = check(packed(3, 4, new long[] {0, 3, 4}), DType.FLOAT32, 7, 1, 36);
        assertEquals(0, count(opt, "Reshape"), "every Reshape folded");
        assertEquals(0, count(opt, "Slice"), "every Slice folded");
        assertEquals(0, count(opt, "Transpose"));
        // -1 inferred, and an odd head size.
        check(packed(2, 5, new long[] {7, -1, 5}), DType.FLOAT32, 7, 1, 30);
        // [7, 12] sliced from [7, 36] to [3, 7, 4] merges rows 36 apart: strides cannot say it, the replay copies.
        check(packed(3, 4, new long[] {3, 7, 4}), DType.FLOAT32, 7, 36);
    }

    /** A Slice with a step and negative bounds, then a Reshape that splits the strided axis. */
    @Test
    void steppedSlicesAreViews() {
        PatternFusionTest.G g = new PatternFusionTest.G();
        g.inputs.addAll(List.of("x", "w"));
        g.longs("starts", 1).longs("ends", -1).longs("axes", -1).longs("steps", 2).longs("to", 0, 3, 3);
        g.nodes.add(new dev.weft.onnx.proto.NodeProto(List.of("x", "starts", "ends", "axes", "steps"), List.of("s"), "sl", "Slice", "", List.of()));
        g.node("Reshape", List.of("s", "to"), "r").node("MatMul", List.of("r", "w"), "y");
        g.outputs.add("y");
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program opt = GraphOptimizer.optimize(compiler.compile(g.graph()), compiler).program();
        assertEquals(List.of("MatMul"), opt.steps().stream().map(s -> s.node().opType()).toList());
        Map<String, Tensor> feed = new HashMap<>();
        feed.put("x", random(5, 20));
        feed.put("w", random(3, 4));
        Tensor e = Interpreter.run(compiler.compile(g.graph()), feed, compiler).get("y"), a = Interpreter.run(opt, feed, compiler).get("y");
        assertEquals(Shape.of(5, 3, 4), a.shape());
        double[] ev = e.toDoubleArray(), av = a.toDoubleArray();
        for (int i = 0; i < ev.length; i++) assertEquals(ev[i], av[i], 1e-5);
    }

    private Tensor random(int... dims) {
        double[] v = new double[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        return Tensor.fromDoubles(DType.FLOAT32, Shape.of(dims), v);
    }

    @Test
    void nearMissesKeepTheirNodes() {
        // A rank-1 scale could broadcast the rank up: stays a Div.
        Program vectorScale = check(attention(new float[] {2f, 2f, 2f, 2f}, new long[] {1, 0, 2}), DType.FLOAT32, 7, 3, 4);
        assertEquals(1, count(vectorScale, "Div"));
        // The last axis moves: the output Transpose stays.
        Program moved = check(attention(new float[] {2f}, new long[] {2, 0, 1}), DType.FLOAT32, 7, 3, 4);
        assertEquals(1, count(moved, "Transpose"));
        // A transposed operand that is also a graph output stays a node.
        PatternFusionTest.G exposed = attention(new float[] {2f}, new long[] {1, 0, 2});
        exposed.outputs.add("kt");
        Compiler compiler = new Compiler(Map.of("", 17L), null, List.of());
        Program opt = GraphOptimizer.optimize(compiler.compile(exposed.graph()), compiler).program();
        assertTrue(opt.steps().stream().anyMatch(s -> s.node().outputs().contains("kt")));
        check(exposed, DType.FLOAT32, 7, 3, 4);
    }
}
