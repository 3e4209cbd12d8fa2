/**
 * ONNX import for weft: {@link dev.weft.onnx.OnnxModel} loads a model file onto a weft graph.
 * Sub-packages: {@code proto} (wire format), {@code load} (reading, validation, external data),
 * {@code ops} (ONNX operators as weft ops), {@code io} (tensor files), {@code conformance} (the
 * backend test runner).
 */
package dev.weft.onnx;
