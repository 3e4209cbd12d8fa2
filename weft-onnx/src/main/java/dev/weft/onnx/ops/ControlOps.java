package dev.weft.onnx.ops;

/** Control flow: If, Loop and Scan, running their bodies as {@link Subgraph}s. */
final class ControlOps {
    private ControlOps() {}

    static void register(OpRegistry r) {
    }
}
