package dev.weft.onnx.proto;

import java.util.List;

/**
 * One ONNX node. An empty string among {@code inputs} or {@code outputs} marks an optional value
 * that is absent.
 */
public record NodeProto(List<String> inputs, List<String> outputs, String name, String opType, String domain,
                        List<AttributeProto> attributes) {

    /** The attribute called {@code name}, or null. */
    public AttributeProto attribute(String name) {
        for (AttributeProto a : attributes) if (a.name().equals(name)) return a;
        return null;
    }

    /** A label for messages: the node name if it has one, else its op type and first output. */
    public String label() {
        if (!name.isEmpty()) return name;
        return opType + (outputs.isEmpty() ? "" : " -> " + outputs.getFirst());
    }
}
