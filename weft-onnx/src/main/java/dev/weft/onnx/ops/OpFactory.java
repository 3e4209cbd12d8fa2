package dev.weft.onnx.ops;

/** Builds the op for one node, reading its attributes from the context. */
@FunctionalInterface
public interface OpFactory {
    OnnxOp create(OpContext ctx);
}
