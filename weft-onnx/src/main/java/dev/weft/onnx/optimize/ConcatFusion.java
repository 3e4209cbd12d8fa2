package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.ChannelSliceKernel;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.proto.NodeProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the producers of a channel Concat straight into slices of its result. A Concat along axis 1
 * whose every input comes from a kernel that can write into a channel range
 * ({@link ChannelSliceKernel}: a Conv, with its Relu or Clip) and is read by nothing else becomes
 * one node that allocates the result and has each producer fill its channels, so the concatenated
 * values are written once instead of twice. SqueezeNet's fire modules are this shape; their eight
 * Concats cost twice ONNX Runtime's time as copies.
 *
 * <p>The fused node takes the Concat's place, which every producer's inputs precede. The producers
 * then run one after the other inside it, each still split across the intra-op pool, where the
 * concurrent machine could have run them side by side; the profile of SqueezeNet's fire modules
 * (a 3×3 producer several times the 1×1 one) leaves little to lose there.
 */
final class ConcatFusion {
    private ConcatFusion() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (int j = 0; j < steps.size(); j++) {
            Program.Step cat = steps.get(j);
            NodeProto cn = cat.node();
            if (!Nodes.is(cn, "Concat") || cn.outputs().size() != 1 || cn.inputs().size() < 2
                    || Nodes.intAttr(cn, "axis", 0) != 1) {
                continue;
            }
            List<Integer> producers = producers(steps, j, usage);
            if (producers == null) continue;
            List<ChannelSliceKernel> parts = new ArrayList<>();
            List<String> inputs = new ArrayList<>();
            int[] starts = new int[producers.size() + 1];
            for (int k = 0; k < producers.size(); k++) {
                Program.Step s = steps.get(producers.get(k));
                parts.add(sliceKernel(s));
                starts[k] = inputs.size();
                inputs.addAll(s.node().inputs());
            }
            starts[producers.size()] = inputs.size();
            String first = steps.get(producers.getFirst()).node().opType();
            NodeProto node = new NodeProto(inputs, cn.outputs(), cn.name(), first + "+Concat", Fusion.DOMAIN, List.of());
            ConcatIntoKernel kernel = new ConcatIntoKernel(List.copyOf(parts), starts);
            steps.set(j, new Program.Step(node, new OnnxOp(node.opType(), 1, kernel, cat.op().dtypes())));
            List<Integer> gone = new ArrayList<>(producers);
            gone.sort(null);
            for (int k = gone.size() - 1; k >= 0; k--) steps.remove((int) gone.get(k));
            j -= gone.size();
            counter[0]++;
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    /**
     * For each input of the Concat at {@code j}, in order, the index of the earlier step that alone
     * produces it for this Concat only; null when any input fails that.
     */
    private static List<Integer> producers(List<Program.Step> steps, int j, Usage usage) {
        List<Integer> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String in : steps.get(j).node().inputs()) {
            if (in.isEmpty() || !seen.add(in) || !usage.readOnceInternally(in)) return null;
            int found = -1;
            for (int i = j - 1; i >= 0 && found < 0; i--) {
                NodeProto n = steps.get(i).node();
                if (n.outputs().contains(in)) found = i;
            }
            if (found < 0 || steps.get(found).node().outputs().size() != 1 || sliceKernel(steps.get(found)) == null) return null;
            out.add(found);
        }
        return out;
    }

    /** The step's kernel as a slice writer taking the node's inputs as they are, or null. */
    private static ChannelSliceKernel sliceKernel(Program.Step s) {
        if (s.op().kernel() instanceof ChannelSliceKernel k) return k;
        if (s.op().kernel() instanceof FusedKernel f && f.epilogues().isEmpty() && f.base() instanceof ChannelSliceKernel k
                && f.baseInputs() == s.node().inputs().size()) {
            return k;
        }
        return null;
    }
}
