/**
 * The ONNX protobuf messages weft reads and writes, as immutable records, and a hand-written
 * wire-format parser for them ({@link dev.weft.onnx.proto.OnnxParser}) built on protobuf-java's
 * {@code CodedInputStream}. Field numbers follow the ONNX IR specification ({@code onnx.proto}).
 * Unknown fields are skipped, so newer IR versions load as long as the fields weft needs are present.
 */
package dev.weft.onnx.proto;
