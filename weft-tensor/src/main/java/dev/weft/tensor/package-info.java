/**
 * Dense n-dimensional tensors: {@link dev.weft.tensor.DType element types}, {@link dev.weft.tensor.Shape shapes}
 * with NumPy broadcasting, and {@link dev.weft.tensor.Tensor} itself, a strided view over one Java array.
 *
 * <p>Kernels that compute on tensors live in sub-packages; this package holds only the values.
 */
package dev.weft.tensor;
