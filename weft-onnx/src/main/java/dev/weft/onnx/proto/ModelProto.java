package dev.weft.onnx.proto;

import java.util.List;
import java.util.Map;

/**
 * An ONNX model: its IR version, the operator sets it imports, the main graph and any
 * model-local functions.
 *
 * @param irVersion  {@code ModelProto.ir_version}
 * @param opsets     {@code opset_import}: domain ("" is ai.onnx) to version
 * @param producer   producer name and version, for messages
 * @param graph      the main graph
 * @param functions  model-local functions ({@code functions}), by domain and name
 * @param metadata   {@code metadata_props}
 */
public record ModelProto(long irVersion, Map<String, Long> opsets, String producer, GraphProto graph,
                         List<FunctionProto> functions, Map<String, String> metadata) {
}
