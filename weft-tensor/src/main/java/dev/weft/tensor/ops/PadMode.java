package dev.weft.tensor.ops;

/** How {@link Assembly#pad} fills the border, as ONNX Pad's {@code mode}. */
public enum PadMode {
    /** A constant value. */
    CONSTANT,
    /** Mirror without repeating the edge: {@code 3 2 | 1 2 3 4 | 3 2}. */
    REFLECT,
    /** Repeat the edge element. */
    EDGE,
    /** Wrap around: {@code 3 4 | 1 2 3 4 | 1 2}. */
    WRAP;

    /** Parses ONNX's lower-case mode names. */
    public static PadMode of(String onnxName) {
        return switch (onnxName) {
            case "constant" -> CONSTANT;
            case "reflect" -> REFLECT;
            case "edge" -> EDGE;
            case "wrap" -> WRAP;
            default -> throw new IllegalArgumentException("Pad: unknown mode \"" + onnxName + "\" (constant, reflect, edge or wrap)");
        };
    }
}
