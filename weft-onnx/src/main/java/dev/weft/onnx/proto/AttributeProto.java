package dev.weft.onnx.proto;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * An attribute of a node. Only the field matching {@link #type} is meaningful. {@code refAttrName}
 * is set inside function bodies, where the value comes from the calling node.
 */
public record AttributeProto(String name, int type, String refAttrName,
                             float f, long i, ByteString s, TensorProto t, GraphProto g,
                             float[] floats, long[] ints, List<ByteString> strings,
                             List<TensorProto> tensors, List<GraphProto> graphs) {

    /** {@code AttributeProto.AttributeType} codes. */
    public static final int FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, GRAPH = 5, FLOATS = 6, INTS = 7,
            STRINGS = 8, TENSORS = 9, GRAPHS = 10, SPARSE_TENSOR = 11, SPARSE_TENSORS = 12,
            TYPE_PROTO = 13, TYPE_PROTOS = 14;

    /** The same attribute under another name (for function inlining). */
    public AttributeProto renamed(String newName) {
        return new AttributeProto(newName, type, "", f, i, s, t, g, floats, ints, strings, tensors, graphs);
    }
}
