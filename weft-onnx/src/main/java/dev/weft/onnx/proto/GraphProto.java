package dev.weft.onnx.proto;

import java.util.List;

/**
 * An ONNX graph: nodes in topological order, initializers (constant tensors), declared inputs and
 * outputs, and optional intermediate value types.
 *
 * @param sparseInitializers how many sparse initializers the graph declares (weft refuses them)
 */
public record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers,
                         List<ValueInfoProto> inputs, List<ValueInfoProto> outputs,
                         List<ValueInfoProto> valueInfo, int sparseInitializers) {
}
