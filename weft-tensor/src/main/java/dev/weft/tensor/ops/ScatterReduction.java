package dev.weft.tensor.ops;

/** How ScatterElements and ScatterND combine an update with the existing element (ONNX {@code reduction}). */
public enum ScatterReduction {
    NONE, ADD, MUL, MAX, MIN;

    /** Parses ONNX's names: none, add, mul, max, min. */
    public static ScatterReduction of(String onnxName) {
        return switch (onnxName) {
            case "none" -> NONE;
            case "add" -> ADD;
            case "mul" -> MUL;
            case "max" -> MAX;
            case "min" -> MIN;
            default -> throw new IllegalArgumentException("unknown scatter reduction \"" + onnxName + "\"");
        };
    }

    double apply(double old, double update) {
        return switch (this) {
            case NONE -> update;
            case ADD -> old + update;
            case MUL -> old * update;
            case MAX -> Math.max(old, update);
            case MIN -> Math.min(old, update);
        };
    }

    long apply(long old, long update) {
        return switch (this) {
            case NONE -> update;
            case ADD -> old + update;
            case MUL -> old * update;
            case MAX -> Math.max(old, update);
            case MIN -> Math.min(old, update);
        };
    }
}
