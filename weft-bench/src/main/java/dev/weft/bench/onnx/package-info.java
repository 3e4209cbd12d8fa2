/**
 * Writes tiny one-node ONNX models (protobuf wire format, by hand) so that ONNX Runtime can run the
 * same operation as a weft kernel in the same benchmark run.
 */
package dev.weft.bench.onnx;
