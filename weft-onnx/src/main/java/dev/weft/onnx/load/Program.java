package dev.weft.onnx.load;

import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.onnx.proto.ValueInfoProto;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A compiled ONNX graph: the inputs that must be fed, the constant values (initializers and
 * Constant nodes), the remaining nodes in topological order, each with its op, and the output names.
 * {@code outerNames} lists values read from an enclosing graph (for subgraphs; empty at top level).
 * Immutable and thread-safe.
 */
public record Program(List<ValueInfoProto> inputs, List<String> outputs, Map<String, Tensor> constants,
                      List<Step> steps, List<String> outerNames) {

    /** One node and the op that computes it. */
    public record Step(NodeProto node, OnnxOp op) {}
}
