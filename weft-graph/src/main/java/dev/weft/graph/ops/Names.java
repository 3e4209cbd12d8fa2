package dev.weft.graph.ops;

/** Op names as ONNX spells them: {@code SIGMOID} becomes {@code Sigmoid}. */
final class Names {
    private Names() {}

    static String camel(String enumName) {
        return enumName.charAt(0) + enumName.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
