package dev.weft.onnx.proto;

/** The type of an ONNX value: a tensor, a sequence, an optional, a map, or something weft does not model. */
public sealed interface TypeProto {

    /**
     * A tensor type. {@code dims} is null when the rank is unknown; a dimension is -1 when it is
     * symbolic or unknown.
     */
    record Tensor(int elemType, long[] dims) implements TypeProto {}

    /** {@code seq(T)}. */
    record Sequence(TypeProto elem) implements TypeProto {}

    /** {@code optional(T)}. */
    record Optional(TypeProto elem) implements TypeProto {}

    /** A map, a sparse tensor, or a missing type. */
    record Other(String what) implements TypeProto {}
}
