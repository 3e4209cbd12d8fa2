package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;

/**
 * ONNX Cast and CastLike between every pair of dtypes, with the rules of {@link Tensor#castTo}:
 * floats to integers truncate toward zero, integers wrap to narrower types, anything to bool is
 * "non-zero", float16 and bfloat16 round to nearest even. The result is always a new tensor.
 */
public final class Casts {
    private Casts() {}

    /** ONNX Cast: a new tensor of {@code to} (a copy even when the dtype already matches). */
    public static Tensor cast(Tensor x, DType to) { return x.dtype() == to ? x.copy() : x.castTo(to); }

    /** ONNX CastLike: cast to the dtype of {@code like}. */
    public static Tensor castLike(Tensor x, Tensor like) { return cast(x, like.dtype()); }
}
