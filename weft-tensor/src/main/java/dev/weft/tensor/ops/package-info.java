/**
 * Whole-tensor operations with NumPy semantics, in every dtype: elementwise maps with broadcasting,
 * reductions, matrix products. Each method validates its arguments and names the shapes it refuses,
 * then hands contiguous float data to the fast kernels in {@code dev.weft.tensor.kernel}.
 */
package dev.weft.tensor.ops;
