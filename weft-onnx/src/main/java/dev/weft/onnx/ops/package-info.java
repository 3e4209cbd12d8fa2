/**
 * ONNX operators as weft ops. {@link dev.weft.onnx.ops.OpRegistry} maps (domain, op type, opset
 * version) to a factory; the factories live in one class per family ({@code MathOps},
 * {@code ShapeOps}, {@code NnOps}, ...). Each factory reads the node's attributes once, through
 * {@link dev.weft.onnx.ops.OpContext}, and returns an {@link dev.weft.onnx.ops.OnnxOp} whose
 * kernel is a pure function of its input tensors.
 *
 * <p>Where weft-tensor has the computation ({@code dev.weft.tensor.ops}: elementwise maps,
 * activations, softmax, reductions, shape and indexing ops, normalizations, Resize, Attention, ...;
 * {@code dev.weft.tensor.nn}: convolution and pooling), a kernel here only parses the ONNX
 * attributes, settles opset differences and optional inputs, and calls it. The rest (RNNs, DFT,
 * detection, image and text ops, and the few ONNX edge cases the tensor ops do not cover, listed in
 * docs/onnx.md) are simple reference implementations here, correct for every dtype first.
 */
package dev.weft.onnx.ops;
