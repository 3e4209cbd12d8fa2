/**
 * Tensor files: ONNX TensorProto ({@code .pb}) and NumPy {@code .npy}/{@code .npz}, read and
 * written with sizes checked against the bytes present before anything is allocated.
 */
package dev.weft.onnx.io;
