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

    /**
     * ONNX BitCast between dtypes of the same width: the same bits read as {@code to} (float32 and
     * int32 through their raw bit patterns, and so on). Dtypes of different widths are refused.
     */
    public static Tensor bitCast(Tensor x, DType to) {
        if (x.dtype().byteSize() != to.byteSize()) {
            throw new IllegalArgumentException("BitCast: " + x.dtype() + " and " + to + " differ in width ("
                    + x.dtype().byteSize() + " and " + to.byteSize() + " bytes); only equal widths are supported");
        }
        Tensor c = x.copy();
        if (x.dtype().storage() == to.storage()) return Tensor.wrap(to, x.shape(), c.data());
        int n = c.size();
        Object bits = switch (to.storage()) {
            case INT -> { int[] r = new int[n]; float[] f = c.floatData(); for (int i = 0; i < n; i++) r[i] = Float.floatToRawIntBits(f[i]); yield r; }
            case FLOAT -> { float[] r = new float[n]; int[] v = c.intData(); for (int i = 0; i < n; i++) r[i] = Float.intBitsToFloat(v[i]); yield r; }
            case LONG -> { long[] r = new long[n]; double[] d = c.doubleData(); for (int i = 0; i < n; i++) r[i] = Double.doubleToRawLongBits(d[i]); yield r; }
            case DOUBLE -> { double[] r = new double[n]; long[] v = c.longData(); for (int i = 0; i < n; i++) r[i] = Double.longBitsToDouble(v[i]); yield r; }
            default -> throw new IllegalArgumentException("BitCast from " + x.dtype() + " to " + to + " is not supported");
        };
        return Tensor.wrap(to, x.shape(), bits);
    }
}
