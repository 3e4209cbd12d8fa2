package dev.weft.onnx.proto;

import java.util.List;
import java.util.Map;

/** A model-local function: a named sub-graph that nodes of the model may call like an op. */
public record FunctionProto(String name, String domain, List<String> inputs, List<String> outputs,
                            List<String> attributeNames, List<AttributeProto> attributeDefaults,
                            List<NodeProto> nodes, Map<String, Long> opsets) {
}
