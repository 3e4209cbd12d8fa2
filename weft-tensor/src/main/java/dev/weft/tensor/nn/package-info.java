/**
 * Neural-network operators on tensors: convolution ({@link dev.weft.tensor.nn.Convolution}) and
 * pooling ({@link dev.weft.tensor.nn.Pooling}), NCHW with 1 to 3 spatial dimensions, ONNX semantics.
 *
 * <p>These are the checked entry points: they validate shapes and attributes and refuse bad input
 * with a one-line message naming the shapes involved, accept any strided view (copying it to
 * contiguous form when needed), and then call the raw float32 kernels in
 * {@code dev.weft.tensor.kernel}. float32 is the fast path; float64 runs exact double loops;
 * float16 and bfloat16 compute in float32 and round back.
 */
package dev.weft.tensor.nn;
