/**
 * ONNX operators as weft ops. {@link dev.weft.onnx.ops.OpRegistry} maps (domain, op type, opset
 * version) to a factory; the factories live in one class per family ({@code MathOps},
 * {@code ShapeOps}, {@code NnOps}, ...). Each factory reads the node's attributes once, through
 * {@link dev.weft.onnx.ops.OpContext}, and returns an {@link dev.weft.onnx.ops.OnnxOp} whose
 * kernel is a pure function of its input tensors.
 *
 * <p>Kernels here are simple reference implementations, correct for every dtype first; the float32
 * paths that models spend their time in (convolution, matrix products, elementwise maps) call the
 * fast kernels of weft-tensor.
 */
package dev.weft.onnx.ops;
