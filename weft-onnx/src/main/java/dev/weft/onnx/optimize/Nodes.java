package dev.weft.onnx.optimize;

import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.NodeProto;
import java.util.List;

/** Small edits of node records. */
final class Nodes {
    private Nodes() {}

    static NodeProto withInputs(NodeProto n, List<String> inputs) {
        return new NodeProto(inputs, n.outputs(), n.name(), n.opType(), n.domain(), n.attributes());
    }

    static boolean is(NodeProto n, String opType) { return n.domain().isEmpty() && n.opType().equals(opType); }

    /** An integer attribute, or {@code fallback} when absent. */
    static long intAttr(NodeProto n, String name, long fallback) {
        AttributeProto a = n.attribute(name);
        return a == null ? fallback : a.i();
    }

    /** A float attribute, or {@code fallback} when absent. */
    static float floatAttr(NodeProto n, String name, float fallback) {
        AttributeProto a = n.attribute(name);
        return a == null ? fallback : a.f();
    }

    /** {@code name}, or {@code name_K} with the first K that no value in {@code taken} has. */
    static String unique(java.util.Map<String, ?> taken, String name) {
        String n = name;
        for (int k = 1; taken.containsKey(n); k++) n = name + "_" + k;
        return n;
    }

    /** The number of outputs that are present (not empty names). */
    static int presentOutputs(NodeProto n) {
        return (int) n.outputs().stream().filter(o -> !o.isEmpty()).count();
    }
}
