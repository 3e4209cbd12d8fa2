package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.DTypeRule;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises layer normalization and exact GELU written out in elementary nodes (as PyTorch
 * exports them) and replaces each occurrence by one node of domain {@value Fusion#DOMAIN}:
 * {@code LayerNormalization} (or {@code SkipLayerNormalization} when it absorbs the residual Add
 * before it) with a {@link LayerNormKernel}, and {@code Gelu} with a {@link GeluKernel}.
 *
 * <p>A pattern matches only exactly: every constant has its value (exponent 2, ½, 1, √2 or 1/√2
 * to float rounding; epsilon is read from the graph), both reductions are over axis -1 with
 * keepdims, and every intermediate value is read by the pattern alone, once where the pattern
 * reads it once, and is not a graph output. The fused node takes the place of the last node it
 * replaces: every input it reads is computed by then.
 */
final class PatternFusion {
    private PatternFusion() {}

    private static final float SQRT2 = (float) Math.sqrt(2), INV_SQRT2 = (float) (1 / Math.sqrt(2));

    /** A match: the steps it replaces (indices), the fused node's inputs and output, its op and kernel. */
    private record Match(List<Integer> chain, List<String> inputs, String output, String opType, OnnxOp op) {}

    static Program apply(Program p, Usage usage, int[] counter) {
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (boolean changed = true; changed; ) {
            changed = false;
            Index g = new Index(steps, usage.protectedNames(), p.constants());
            for (int i = 0; i < steps.size() && !changed; i++) {
                Match m = layerNorm(g, i);
                if (m == null) m = gelu(g, i);
                if (m == null) continue;
                replace(steps, m);
                counter[0]++;
                changed = true;
            }
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    private static void replace(List<Program.Step> steps, Match m) {
        int last = m.chain().stream().mapToInt(Integer::intValue).max().orElseThrow();
        NodeProto first = steps.get(m.chain().stream().mapToInt(Integer::intValue).min().orElseThrow()).node();
        NodeProto node = new NodeProto(m.inputs(), List.of(m.output()), first.name(), m.opType(), Fusion.DOMAIN, List.of());
        steps.set(last, new Program.Step(node, m.op()));
        m.chain().stream().filter(j -> j != last).sorted((a, b) -> b - a).forEach(j -> steps.remove((int) j));
    }

    /** ReduceMean → Sub → Pow 2 (or Mul by itself) → ReduceMean → Add ε → Sqrt → Div [→ Mul γ] [→ Add β], from the first ReduceMean. */
    private static Match layerNorm(Index g, int i) {
        NodeProto r1 = g.node(i);
        long[] axes = reduceAxes(g, r1);
        if (axes == null) return null;
        String x = r1.inputs().get(0);
        int sub = g.soleReader(r1.outputs().get(0));
        if (sub < 0 || !g.is(sub, "Sub") || !g.node(sub).inputs().equals(List.of(x, r1.outputs().get(0)))) return null;
        String d = g.node(sub).outputs().get(0);
        if (g.prot.contains(d)) return null;
        int square = -1, div = -1, slots = 0;
        for (int j : g.readers(d)) {
            NodeProto n = g.node(j);
            slots++;
            if (Nodes.is(n, "Pow") && n.inputs().get(0).equals(d) && g.scalar(n.inputs().get(1), 2f, 0f)) square = j;
            else if (Nodes.is(n, "Mul") && n.inputs().equals(List.of(d, d))) square = j;
            else if (Nodes.is(n, "Div") && n.inputs().get(0).equals(d) && !n.inputs().get(1).equals(d)) div = j;
        }
        if (square < 0 || div < 0 || slots != (Nodes.is(g.node(square), "Mul") ? 3 : 2)) return null;
        int r2 = g.soleReader(g.out(square));
        if (r2 < 0 || !g.node(r2).inputs().get(0).equals(g.out(square)) || !java.util.Arrays.equals(axes, reduceAxes(g, g.node(r2)))) return null;
        int addEps = g.soleReader(g.out(r2));
        String eps = addEps < 0 || !g.is(addEps, "Add") ? null : g.other(addEps, g.out(r2));
        Tensor epsT = eps == null ? null : g.constant(eps);
        if (epsT == null || epsT.size() != 1 || epsT.rank() > 1 || epsT.dtype() != DType.FLOAT32) return null;
        int sqrt = g.soleReader(g.out(addEps));
        if (sqrt < 0 || !g.is(sqrt, "Sqrt") || g.soleReader(g.out(sqrt)) != div || !g.node(div).inputs().get(1).equals(g.out(sqrt))) {
            return null;
        }
        List<Integer> chain = new ArrayList<>(List.of(i, sub, square, r2, addEps, sqrt, div));
        String y = g.out(div);
        float[] gamma = affine(g, y, "Mul");
        if (gamma != null) {
            chain.add(g.soleReader(y));
            y = g.out(g.soleReader(y));
        }
        float[] beta = affine(g, y, "Add");
        if (beta != null) {
            chain.add(g.soleReader(y));
            y = g.out(g.soleReader(y));
        }
        List<String> inputs = List.of(x);
        int skip = g.producer.getOrDefault(x, -1);
        boolean residual = skip >= 0 && g.is(skip, "Add") && g.node(skip).outputs().size() == 1 && !g.prot.contains(x)
                && g.readers(x).size() == 2 && g.node(skip).inputs().stream().noneMatch(in -> in.isEmpty() || g.constants.containsKey(in));
        if (residual) {
            chain.add(0, skip);
            inputs = g.node(skip).inputs();
        }
        String opType = residual ? "SkipLayerNormalization" : "LayerNormalization";
        LayerNormKernel k = new LayerNormKernel(axes[0], (float) epsT.getDouble(0), gamma, beta, residual, g.replay(chain, inputs, y));
        return new Match(chain, inputs, y, opType, new OnnxOp(opType, 1, k, DTypeRule.ofInput(0)));
    }

    /**
     * The reduction axes of a ReduceMean with keepdims, from its attribute or constant input, when
     * they are exactly [-1] (the last axis whatever the rank, which the graph does not always say);
     * else null.
     */
    private static long[] reduceAxes(Index g, NodeProto n) {
        if (!Nodes.is(n, "ReduceMean") || n.outputs().size() != 1 || n.inputs().isEmpty() || Nodes.intAttr(n, "keepdims", 1) != 1) {
            return null;
        }
        long[] axes;
        if (n.inputs().size() > 1 && !n.inputs().get(1).isEmpty()) {
            Tensor t = g.constant(n.inputs().get(1));
            axes = t == null || t.dtype() != DType.INT64 ? null : t.toLongArray();
        } else {
            axes = n.attribute("axes") == null ? null : n.attribute("axes").ints();
        }
        return axes != null && axes.length == 1 && axes[0] == -1 ? axes : null;
    }

    /** The values of a rank-1 float32 constant that alone multiplies (or adds to) {@code y}, else null. */
    private static float[] affine(Index g, String y, String op) {
        int j = g.soleReader(y);
        if (j < 0 || !g.is(j, op)) return null;
        Tensor t = g.constant(g.other(j, y));
        return t == null || t.dtype() != DType.FLOAT32 || t.rank() != 1 ? null : t.contiguous().toFloatArray();
    }

    /** Div √2 (or Mul 1/√2) → Erf → Add 1 → Mul x → Mul ½ (the ½ may come first, on x or on the sum), from the Erf. */
    private static Match gelu(Index g, int i) {
        if (!g.is(i, "Erf")) return null;
        String u = g.node(i).inputs().get(0);
        int scale = g.producer.getOrDefault(u, -1);
        if (scale < 0 || g.soleReader(u) != i) return null;
        NodeProto s = g.node(scale);
        String x;
        if (Nodes.is(s, "Div") && g.scalar(s.inputs().get(1), SQRT2, 1e-6f)) {
            x = s.inputs().get(0);
        } else if (Nodes.is(s, "Mul") && g.scalar(s.inputs().get(1), INV_SQRT2, 1e-6f)) {
            x = s.inputs().get(0);
        } else if (Nodes.is(s, "Mul") && g.scalar(s.inputs().get(0), INV_SQRT2, 1e-6f)) {
            x = s.inputs().get(1);
        } else {
            return null;
        }
        int one = g.soleReader(g.out(i));
        if (one < 0 || !g.is(one, "Add") || !g.scalar(g.other(one, g.out(i)), 1f, 0f)) return null;
        String v = g.out(one);
        int n1 = g.soleReader(v);
        if (n1 < 0 || !g.is(n1, "Mul")) return null;
        String h = g.other(n1, v);
        List<Integer> chain = new ArrayList<>(List.of(scale, i, one, n1));
        String y;
        if (h.equals(x)) { // (x · (1 + erf)) · ½
            int half = g.soleReader(g.out(n1));
            if (half < 0 || !g.is(half, "Mul") || !g.scalar(g.other(half, g.out(n1)), 0.5f, 0f)) return null;
            chain.add(half);
            y = g.out(half);
        } else if (g.scalar(h, 0.5f, 0f)) { // x · ((1 + erf) · ½)
            int times = g.soleReader(g.out(n1));
            if (times < 0 || !g.is(times, "Mul") || !x.equals(g.other(times, g.out(n1)))) return null;
            chain.add(times);
            y = g.out(times);
        } else { // (x · ½) · (1 + erf)
            int half = g.producer.getOrDefault(h, -1);
            if (half < 0 || !g.is(half, "Mul") || g.soleReader(h) != n1 || !x.equals(g.other(half, null))) return null;
            NodeProto hn = g.node(half);
            if (!g.scalar(hn.inputs().get(0).equals(x) ? hn.inputs().get(1) : hn.inputs().get(0), 0.5f, 0f)) return null;
            chain.add(0, half);
            y = g.out(n1);
        }
        int rank = 0;
        for (int j : chain) for (String in : g.node(j).inputs()) if (g.constant(in) != null) rank = Math.max(rank, g.constant(in).rank());
        List<String> inputs = List.of(x);
        GeluKernel k = new GeluKernel(rank, g.replay(chain, inputs, y));
        return new Match(chain, inputs, y, "Gelu", new OnnxOp("Gelu", 1, k, DTypeRule.ofInput(0)));
    }

    /** Who produces and who reads each value of the current steps. */
    private static final class Index {
        final List<Program.Step> steps;
        final Set<String> prot;
        final Map<String, Tensor> constants;
        final Map<String, Integer> producer = new HashMap<>();
        final Map<String, List<Integer>> readers = new HashMap<>();

        Index(List<Program.Step> steps, Set<String> prot, Map<String, Tensor> constants) {
            this.steps = steps;
            this.prot = prot;
            this.constants = constants;
            for (int j = 0; j < steps.size(); j++) {
                for (String out : steps.get(j).node().outputs()) if (!out.isEmpty()) producer.put(out, j);
                for (String in : steps.get(j).node().inputs()) if (!in.isEmpty()) readers.computeIfAbsent(in, k -> new ArrayList<>()).add(j);
            }
        }

        NodeProto node(int j) { return steps.get(j).node(); }

        boolean is(int j, String op) { return Nodes.is(node(j), op) && node(j).outputs().size() == 1; }

        String out(int j) { return node(j).outputs().get(0); }

        List<Integer> readers(String name) { return readers.getOrDefault(name, List.of()); }

        /** The step that alone reads {@code name}, once, when it is not protected; else -1. */
        int soleReader(String name) {
            List<Integer> r = readers(name);
            return r.size() == 1 && !prot.contains(name) ? r.get(0) : -1;
        }

        /** The other operand of binary step j, given one of them ({@code known}; null: the non-constant one). */
        String other(int j, String known) {
            List<String> in = node(j).inputs();
            if (in.size() != 2) return "";
            if (known == null) return constants.containsKey(in.get(0)) ? in.get(1) : in.get(0);
            return in.get(0).equals(known) ? in.get(1) : in.get(1).equals(known) ? in.get(0) : "";
        }

        Tensor constant(String name) { return constants.get(name); }

        /** True when {@code name} is a one-element float32 constant within {@code rel} of {@code value}. */
        boolean scalar(String name, float value, float rel) {
            Tensor t = constants.get(name);
            if (t == null || t.size() != 1 || t.dtype() != DType.FLOAT32) return false;
            double v = t.getDouble(0);
            return Math.abs(v - value) <= rel * Math.abs(value);
        }

        Replay replay(List<Integer> chain, List<String> inputs, String output) {
            List<Program.Step> kept = chain.stream().sorted().map(steps::get).toList();
            Map<String, Tensor> used = new LinkedHashMap<>();
            for (Program.Step s : kept) for (String in : s.node().inputs()) if (constants.containsKey(in)) used.put(in, constants.get(in));
            return new Replay(kept, inputs, used, output);
        }
    }
}
