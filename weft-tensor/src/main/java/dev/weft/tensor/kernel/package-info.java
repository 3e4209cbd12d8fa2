/**
 * Fast CPU kernels over raw arrays (GEMM and friends). They trust their arguments: callers in
 * {@code dev.weft.tensor.ops} have already checked shapes and bounds.
 */
package dev.weft.tensor.kernel;
