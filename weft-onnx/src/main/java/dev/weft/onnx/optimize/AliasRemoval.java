package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes nodes that only pass a value on: Identity, and Dropout at inference (no training flag,
 * mask output unused). Readers of the node's output read its input instead.
 */
final class AliasRemoval {
    private AliasRemoval() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (int i = 0; i < steps.size(); i++) {
            NodeProto n = steps.get(i).node();
            if (!passesThrough(n, p, usage)) continue;
            String out = n.outputs().get(0), in = n.inputs().get(0);
            steps.remove(i);
            List<Program.Step> renamed = Usage.rename(steps.subList(i, steps.size()), out, in);
            steps = new ArrayList<>(steps.subList(0, i));
            steps.addAll(renamed);
            i--;
            counter[0]++;
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    private static boolean passesThrough(NodeProto n, Program p, Usage usage) {
        if (n.outputs().isEmpty() || n.inputs().isEmpty() || n.inputs().get(0).isEmpty()) return false;
        String out = n.outputs().get(0);
        if (out.isEmpty() || usage.protectedNames().contains(out)) return false;
        if (Nodes.is(n, "Identity")) return true;
        if (!Nodes.is(n, "Dropout")) return false;
        boolean maskUsed = n.outputs().size() > 1 && !n.outputs().get(1).isEmpty() && usage.readers(n.outputs().get(1)) > 0
                || n.outputs().size() > 1 && usage.protectedNames().contains(n.outputs().get(1));
        if (maskUsed) return false;
        if (Nodes.intAttr(n, "is_test", 1) == 0 && n.attribute("is_test") != null) return false;
        if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
            Tensor training = p.constants().get(n.inputs().get(2));
            return training != null && training.size() == 1 && training.getLong(0) == 0;
        }
        return true;
    }
}
