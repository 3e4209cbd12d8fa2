package dev.weft.onnx.proto;

/** A named value with its declared type (graph inputs, outputs and value_info). */
public record ValueInfoProto(String name, TypeProto type) {
}
