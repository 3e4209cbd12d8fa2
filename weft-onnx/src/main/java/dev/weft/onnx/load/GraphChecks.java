package dev.weft.onnx.load;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.GraphProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.onnx.proto.TensorProto;
import dev.weft.onnx.proto.ValueInfoProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural checks on a graph: every node input is defined before it is used (by a graph input,
 * an initializer, an earlier node, or an enclosing scope), no value is defined twice, and every
 * graph output is defined. Subgraphs are checked with the enclosing names in scope.
 */
final class GraphChecks {
    private GraphChecks() {}

    static void check(GraphProto g, String where, Set<String> outer) {
        Set<String> defined = new HashSet<>(outer);
        Set<String> own = new HashSet<>();
        for (TensorProto t : g.initializers()) {
            if (t.name().isEmpty()) throw new OnnxFormatException(where + ": an initializer has no name");
            defined.add(t.name());
            own.add(t.name());
        }
        for (ValueInfoProto v : g.inputs()) {
            defined.add(v.name());
            own.add(v.name());
        }
        for (NodeProto n : g.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new OnnxFormatException(where + ": node " + n.label() + " (" + n.opType() + ") reads '" + in
                            + "', which no earlier node, input or initializer defines");
                }
            }
            for (AttributeProto a : n.attributes()) {
                if (a.g() != null) check(a.g(), where + " / " + n.label() + "." + a.name(), defined);
                for (GraphProto sub : a.graphs()) check(sub, where + " / " + n.label() + "." + a.name(), defined);
            }
            for (String out : n.outputs()) {
                if (out.isEmpty()) continue;
                if (own.contains(out)) {
                    throw new OnnxFormatException(where + ": value '" + out + "' is defined twice (again by node "
                            + n.label() + ")");
                }
                own.add(out);
                defined.add(out);
            }
        }
        for (ValueInfoProto v : g.outputs()) {
            if (!defined.contains(v.name())) {
                throw new OnnxFormatException(where + ": graph output '" + v.name() + "' is never computed");
            }
        }
    }
}
