package dev.weft.onnx.load;

import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.proto.NodeProto;

/** Adds the failing node's name and op type to an exception's message, keeping unsupported-ness. */
public final class NodeFailure {
    private NodeFailure() {}

    public static RuntimeException wrap(NodeProto node, RuntimeException e) {
        String prefix = node.opType() + " node " + node.label() + ": ";
        if (e.getMessage() != null && e.getMessage().startsWith(node.opType() + " node ")) return e;
        if (e instanceof UnsupportedOnnxException) return new UnsupportedOnnxException(prefix + e.getMessage());
        IllegalArgumentException w = new IllegalArgumentException(prefix + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        return w;
    }
}
