/**
 * Saving what training produced: weights as {@code .npz} checkpoints
 * ({@link dev.weft.train.export.Checkpoints}) and the inference graph as an ONNX model
 * ({@link dev.weft.train.export.OnnxExport}) that {@code weft run} and ONNX Runtime both serve.
 */
package dev.weft.train.export;
