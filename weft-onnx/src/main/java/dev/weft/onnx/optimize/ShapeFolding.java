package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code Gather(Shape(y), -1)} into a constant when y's last dimension is fixed by a
 * constant weight: y computed by a MatMul whose B is a constant of rank ≥ 2 (the last dimension is
 * B's last), perhaps through the addition of a bias. Attention exports compute their split points this way; once they are constants,
 * {@link ConstantFolding} folds the arithmetic after them and the Slices get constant bounds. A
 * Shape node left with no reader is removed.
 */
final class ShapeFolding {
    private ShapeFolding() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        Map<String, Tensor> constants = new LinkedHashMap<>(p.constants());
        Map<String, Program.Step> producer = new HashMap<>();
        for (Program.Step s : p.steps()) for (String out : s.node().outputs()) producer.put(out, s);
        List<Program.Step> steps = new ArrayList<>();
        for (Program.Step s : p.steps()) {
            Tensor folded = lastDim(s.node(), producer, constants, usage);
            if (folded == null) {
                steps.add(s);
            } else {
                constants.put(s.node().outputs().get(0), folded);
                counter[0]++;
            }
        }
        // Shape nodes whose every reader was folded.
        Map<String, Integer> reads = new HashMap<>();
        for (Program.Step s : steps) for (String in : s.node().inputs()) reads.merge(in, 1, Integer::sum);
        steps.removeIf(s -> Nodes.is(s.node(), "Shape") && s.node().outputs().size() == 1
                && reads.getOrDefault(s.node().outputs().get(0), 0) == 0 && !usage.protectedNames().contains(s.node().outputs().get(0)));
        return new Program(p.inputs(), p.outputs(), constants, steps, p.outerNames());
    }

    /** The value of a Gather(Shape(y), -1) whose y has a constant last dimension, else null. */
    private static Tensor lastDim(NodeProto g, Map<String, Program.Step> producer, Map<String, Tensor> constants, Usage usage) {
        if (!Nodes.is(g, "Gather") || g.inputs().size() != 2 || g.outputs().size() != 1 || Nodes.intAttr(g, "axis", 0) != 0
                || usage.protectedNames().contains(g.outputs().get(0))) {
            return null;
        }
        Tensor idx = constants.get(g.inputs().get(1));
        if (idx == null || idx.dtype() != DType.INT64 || idx.size() != 1 || idx.rank() > 1 || idx.getLong(0) != -1) return null;
        Program.Step shape = producer.get(g.inputs().get(0));
        if (shape == null || !Nodes.is(shape.node(), "Shape") || shape.node().attribute("start") != null
                || shape.node().attribute("end") != null) {
            return null;
        }
        long n = lastDim(shape.node().inputs().get(0), producer, constants, 4);
        return n < 0 ? null : Tensor.fromLongs(DType.INT64, idx.rank() == 0 ? Shape.scalar() : Shape.of(1), n);
    }

    /**
     * The last dimension of value y when the graph fixes it, else -1: a MatMul with a constant B of
     * rank ≥ 2 fixes it at B's last; an Add, Sub, Mul or Div of such a value (last dimension above
     * 1) and a constant whose last dimension is 1 or the same keeps it, as broadcasting must.
     */
    private static long lastDim(String y, Map<String, Program.Step> producer, Map<String, Tensor> constants, int depth) {
        Program.Step s = producer.get(y);
        if (s == null || depth == 0 || s.node().outputs().size() != 1) return -1;
        NodeProto n = s.node();
        if (n.inputs().size() != 2) return -1;
        if (Nodes.is(n, "MatMul")) {
            Tensor b = constants.get(n.inputs().get(1));
            return b == null || b.rank() < 2 ? -1 : b.shape().dim(-1);
        }
        if (!(Nodes.is(n, "Add") || Nodes.is(n, "Sub") || Nodes.is(n, "Mul") || Nodes.is(n, "Div"))) return -1;
        for (int side = 0; side < 2; side++) {
            Tensor c = constants.get(n.inputs().get(1 - side));
            if (c == null || constants.containsKey(n.inputs().get(side))) continue;
            long d = lastDim(n.inputs().get(side), producer, constants, depth - 1);
            if (d > 1 && (c.rank() == 0 || c.shape().dim(-1) == 1 || c.shape().dim(-1) == d)) return d;
        }
        return -1;
    }
}
