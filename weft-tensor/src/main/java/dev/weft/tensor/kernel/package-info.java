/**
 * Fast CPU kernels over raw float arrays: GEMM ({@link dev.weft.tensor.kernel.Gemm}), convolution
 * ({@link dev.weft.tensor.kernel.Conv}: direct, Winograd, depthwise), transposed convolution
 * ({@link dev.weft.tensor.kernel.TransposedConv}), small matrix products, GELU and pooling, with the pools of
 * scratch arrays that keep them from allocating in a steady state. They trust their arguments: the tensor-level entry points in
 * {@code dev.weft.tensor.nn} and {@code dev.weft.tensor.ops} check shapes and bounds first.
 *
 * <p>Hot loops use the JDK Vector API. Every reference to {@code jdk.incubator.vector} lives in
 * classes named {@code Vector*}, which are loaded only after {@link dev.weft.tensor.kernel.VectorSupport}
 * has found the module; otherwise (or with {@code -Dweft.vector=false}) scalar twins run, which
 * compute the same results.
 */
package dev.weft.tensor.kernel;
