package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.DTypeRule;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.proto.AttributeProto;
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
 * Folds the data movement around a MatMul of two computed operands (attention's Q·Kᵀ and
 * softmax·V) into the product: a Slice with constant bounds and positive steps, a Reshape to a
 * constant shape and then a Transpose (with a perm) feeding either operand become a strided view (copied at run time only when strides cannot say
 * it), a Div or Mul by a rank-0 float32 constant feeding either operand becomes a scale of the
 * product, and a Transpose after it that keeps the last axis last becomes the layout the product
 * is written in. The result is one node, {@code MatMul} of domain {@value Fusion#DOMAIN} with a
 * {@link ViewMatMulKernel}, that copies nothing.
 *
 * <p>Each absorbed node's output must be read by the next node alone, once, and not be a graph
 * output. Scaling the product instead of an operand rounds differently, within float tolerance.
 */
final class MatMulViews {
    private MatMulViews() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (boolean changed = true; changed; ) {
            changed = false;
            Map<String, Integer> producer = new HashMap<>();
            Map<String, Integer> reads = new HashMap<>();
            for (int j = 0; j < steps.size(); j++) {
                for (String out : steps.get(j).node().outputs()) producer.put(out, j);
                for (String in : steps.get(j).node().inputs()) if (!in.isEmpty()) reads.merge(in, 1, Integer::sum);
            }
            for (int i = 0; i < steps.size() && !changed; i++) {
                Program.Step mm = steps.get(i);
                NodeProto n = mm.node();
                if (!Nodes.is(n, "MatMul") || n.inputs().size() != 2 || n.outputs().size() != 1
                        || n.inputs().stream().anyMatch(in -> in.isEmpty() || p.constants().containsKey(in))) {
                    continue;
                }
                Site site = new Site(steps, producer, reads, usage.protectedNames(), p.constants());
                Operand a = site.operand(n.inputs().get(0)), b = site.operand(n.inputs().get(1));
                int[] outPerm = null;
                String y = n.outputs().get(0);
                int after = -1;
                if (site.sole(y)) {
                    after = Usage.readerAfter(steps, i, y);
                    NodeProto t = steps.get(after).node();
                    outPerm = Nodes.is(t, "Transpose") && t.outputs().size() == 1 ? perm(t) : null;
                    if (outPerm == null || outPerm.length < 2 || outPerm[outPerm.length - 1] != outPerm.length - 1) {
                        outPerm = null;
                        after = -1;
                    }
                }
                if (a.absorbed().isEmpty() && b.absorbed().isEmpty() && after < 0) continue;
                List<Integer> chain = new ArrayList<>(a.absorbed());
                chain.addAll(b.absorbed());
                chain.add(i);
                if (after >= 0) {
                    chain.add(after);
                    y = steps.get(after).node().outputs().get(0);
                }
                List<String> inputs = List.of(a.source(), b.source());
                List<Program.Step> kept = chain.stream().sorted().map(steps::get).toList();
                Map<String, Tensor> used = new LinkedHashMap<>();
                for (Program.Step s : kept) for (String in : s.node().inputs()) if (p.constants().containsKey(in)) used.put(in, p.constants().get(in));
                ViewMatMulKernel k = new ViewMatMulKernel(new ViewMatMulKernel.View(a.slice(), a.shape(), a.perm()),
                        new ViewMatMulKernel.View(b.slice(), b.shape(), b.perm()), a.scale() * b.scale(), outPerm,
                        new Replay(kept, inputs, used, y));
                int last = chain.stream().mapToInt(Integer::intValue).max().orElseThrow();
                NodeProto node = new NodeProto(inputs, List.of(y), n.name(), "MatMul", Fusion.DOMAIN, List.of());
                steps.set(last, new Program.Step(node, new OnnxOp("MatMul", 1, k, DTypeRule.ofInput(0))));
                chain.stream().filter(j -> j != last).sorted((x, z) -> z - x).forEach(j -> steps.remove((int) j));
                counter[0]++;
                changed = true;
            }
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    /**
     * An operand traced back through at most one scale, one Transpose and then one Reshape, and the
     * Slice before that Reshape (the trace ends there, so slice and reshape apply first): where it
     * starts, the views, the steps absorbed.
     */
    private record Operand(String source, long[][] slice, long[] shape, int[] perm, float scale, List<Integer> absorbed) {}

    private record Site(List<Program.Step> steps, Map<String, Integer> producer, Map<String, Integer> reads, Set<String> prot,
                        Map<String, Tensor> constants) {
        boolean sole(String name) { return reads.getOrDefault(name, 0) == 1 && !prot.contains(name); }

        Operand operand(String name) {
            String at = name;
            int[] perm = null;
            long[] shape = null;
            float scale = 1f;
            List<Integer> absorbed = new ArrayList<>();
            for (int hop = 0; hop < 3 && shape == null; hop++) {
                int j = producer.getOrDefault(at, -1);
                if (j < 0 || !sole(at)) break;
                NodeProto n = steps.get(j).node();
                if (n.outputs().size() != 1) break;
                if (perm == null && Nodes.is(n, "Transpose") && perm(n) != null) {
                    perm = perm(n);
                } else if (Nodes.is(n, "Reshape") && n.inputs().size() == 2 && Nodes.intAttr(n, "allowzero", 0) == 0
                        && constants.get(n.inputs().get(1)) != null && constants.get(n.inputs().get(1)).dtype() == DType.INT64) {
                    shape = constants.get(n.inputs().get(1)).toLongArray();
                } else if (scale == 1f && (Nodes.is(n, "Div") || Nodes.is(n, "Mul")) && n.inputs().size() == 2) {
                    int c = scalar(n.inputs().get(1)) ? 1 : Nodes.is(n, "Mul") && scalar(n.inputs().get(0)) ? 0 : -1;
                    if (c < 0) break;
                    float v = (float) constants.get(n.inputs().get(c)).getDouble(0);
                    scale = Nodes.is(n, "Div") ? 1f / v : v;
                    if (!Float.isFinite(scale) || scale == 0f) break;
                    absorbed.add(j);
                    at = n.inputs().get(1 - c);
                    continue;
                } else {
                    break;
                }
                absorbed.add(j);
                at = n.inputs().get(0);
            }
            long[][] slice = shape == null ? null : slice(at);
            if (slice != null) {
                int j = producer.get(at);
                absorbed.add(j);
                at = steps.get(j).node().inputs().get(0);
            }
            return new Operand(at, slice, shape, perm, scale, absorbed);
        }

        /**
         * The constant starts, ends, axes and steps (the last two null when absent) of the Slice
         * that alone computes {@code name}, when every step is positive; else null.
         */
        private long[][] slice(String name) {
            int j = producer.getOrDefault(name, -1);
            if (j < 0 || !sole(name)) return null;
            NodeProto n = steps.get(j).node();
            if (!Nodes.is(n, "Slice") || n.outputs().size() != 1 || n.inputs().size() < 3 || n.inputs().size() > 5) return null;
            long[][] parts = new long[4][];
            for (int i = 1; i < n.inputs().size(); i++) {
                if (n.inputs().get(i).isEmpty()) continue;
                Tensor t = constants.get(n.inputs().get(i));
                if (t == null || t.dtype() != DType.INT64 || t.rank() != 1) return null;
                parts[i - 1] = t.toLongArray();
            }
            if (parts[0] == null || parts[1] == null || parts[0].length != parts[1].length) return null;
            for (int i = 2; i < 4; i++) if (parts[i] != null && parts[i].length != parts[0].length) return null;
            if (parts[3] != null) for (long step : parts[3]) if (step < 1) return null;
            if (parts[2] != null && java.util.Arrays.stream(parts[2]).distinct().count() != parts[2].length) return null;
            return parts;
        }

        private boolean scalar(String name) {
            Tensor t = constants.get(name);
            return t != null && t.rank() == 0 && t.dtype() == DType.FLOAT32;
        }
    }

    /** The Transpose's perm when it is given and is a permutation, else null. */
    private static int[] perm(NodeProto transpose) {
        AttributeProto a = transpose.attribute("perm");
        if (a == null || a.ints() == null) return null;
        int[] p = new int[a.ints().length];
        boolean[] seen = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            long v = a.ints()[i];
            if (v < 0 || v >= p.length || seen[(int) v]) return null;
            seen[(int) v] = true;
            p[i] = (int) v;
        }
        return p;
    }
}
