package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates, once at load time, every node whose inputs are all constants, and turns its outputs
 * into constants. Nodes that draw random numbers or run subgraphs are left alone, and so is a node
 * whose results would be large (folding must not bloat the model) or whose evaluation fails (the
 * failure then surfaces at run time, naming the node, as without folding).
 */
final class ConstantFolding {
    private ConstantFolding() {}

    /** Folded results above this many elements stay computed at run time. */
    static final long MAX_FOLDED_ELEMENTS = 4 << 20;

    private static final Set<String> NEVER = Set.of("RandomNormal", "RandomUniform", "RandomNormalLike",
            "RandomUniformLike", "Multinomial", "Bernoulli", "If", "Loop", "Scan", "SequenceMap");

    static Program apply(Program p, int[] counter) {
        Map<String, Tensor> constants = new LinkedHashMap<>(p.constants());
        List<Program.Step> kept = new ArrayList<>();
        for (Program.Step s : p.steps()) {
            List<Tensor> folded = fold(s, constants);
            if (folded == null) {
                kept.add(s);
                continue;
            }
            List<String> outs = s.node().outputs();
            for (int i = 0; i < outs.size(); i++) if (!outs.get(i).isEmpty()) constants.put(outs.get(i), folded.get(i));
            counter[0]++;
        }
        return new Program(p.inputs(), p.outputs(), constants, kept, p.outerNames());
    }

    private static List<Tensor> fold(Program.Step s, Map<String, Tensor> constants) {
        NodeProto n = s.node();
        if (!n.domain().isEmpty() || NEVER.contains(n.opType()) || n.opType().startsWith("Sequence")
                || n.opType().startsWith("Optional") || n.inputs().stream().allMatch(String::isEmpty)) {
            return null;
        }
        List<Tensor> ins = new ArrayList<>();
        for (String in : n.inputs()) {
            if (in.isEmpty()) {
                ins.add(null);
            } else if (constants.containsKey(in)) {
                ins.add(constants.get(in));
            } else {
                return null;
            }
        }
        List<Tensor> outs;
        try {
            outs = s.op().apply(ins);
        } catch (RuntimeException e) {
            return null;
        }
        if (outs.size() < n.outputs().size()) return null;
        long elements = 0;
        for (Tensor t : outs) {
            if (t == null) return null; // an absent optional output: leave the node as it is
            elements += t.size();
        }
        return elements > MAX_FOLDED_ELEMENTS ? null : outs;
    }
}
