/**
 * Reading ONNX model files: size checks before allocation, parsing, validation of the IR and
 * opset versions and of the graph's wiring, external data, and compilation of nodes into weft ops
 * ({@link dev.weft.onnx.load.Program}), which an {@link dev.weft.onnx.load.Interpreter} can run
 * directly or {@link dev.weft.onnx.OnnxModel} maps onto a weft graph.
 */
package dev.weft.onnx.load;
