/**
 * Whole-tensor operations with ONNX and NumPy semantics, in every dtype, grouped by family:
 * {@link dev.weft.tensor.ops.Unary} and {@link dev.weft.tensor.ops.Activations} (elementwise maps),
 * {@link dev.weft.tensor.ops.Binary} (broadcasting arithmetic), {@link dev.weft.tensor.ops.Compare}
 * and {@link dev.weft.tensor.ops.Logical} (bool results, Where), {@link dev.weft.tensor.ops.Reductions}
 * and {@link dev.weft.tensor.ops.ArgReductions}, {@link dev.weft.tensor.ops.Softmax},
 * {@link dev.weft.tensor.ops.Normalization}, {@link dev.weft.tensor.ops.ShapeOps} (views),
 * {@link dev.weft.tensor.ops.Assembly} (concat, split, tile, pad), {@link dev.weft.tensor.ops.Indexing}
 * (gather, scatter), {@link dev.weft.tensor.ops.Generators}, {@link dev.weft.tensor.ops.Sorting},
 * {@link dev.weft.tensor.ops.Casts}, {@link dev.weft.tensor.ops.Quantization}, {@link dev.weft.tensor.ops.Resize},
 * {@link dev.weft.tensor.ops.Losses}, {@link dev.weft.tensor.ops.Einsum}, {@link dev.weft.tensor.ops.LinearAlgebra},
 * {@link dev.weft.tensor.ops.Attention}, {@link dev.weft.tensor.ops.RotaryEmbedding}, {@link dev.weft.tensor.ops.GridSample},
 * {@link dev.weft.tensor.ops.Fourier}
 * and {@link dev.weft.tensor.ops.MatMul}.
 *
 * <p>Every method validates its arguments first and refuses bad ones with an
 * {@link java.lang.IllegalArgumentException} naming the op and the shapes involved, so no kernel
 * sees an inconsistent shape. Inputs may be any strided view. Float32 hot loops use the Vector API
 * ({@link dev.weft.tensor.ops.simd}) when {@link dev.weft.tensor.kernel.VectorSupport#enabled()}; the scalar
 * loops give the same results within float rounding.
 *
 * <p>Threading: each call runs on the caller's thread and keeps no state between calls, so
 * concurrent calls on different outputs are safe. Intra-op parallelism belongs to the process-wide
 * pool in {@code dev.weft.tensor.parallel}; the loops here are written as independent runs
 * (see {@code StridedLoop}) so they can be split across it later.
 */
package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
