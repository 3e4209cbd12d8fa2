package dev.weft.tensor;

/**
 * Element conversion between dtypes with ONNX Cast semantics: floats to integers truncate toward
 * zero (NaN becomes 0, out-of-range values saturate to the 64-bit range and then wrap to the
 * target width, as a C cast would); integers to narrower integers wrap; anything to bool is
 * "non-zero" (NaN is true); bool to anything is 0 or 1; float16 and bfloat16 round to nearest even.
 */
final class Conversions {
    private static final double TWO_63 = 9.223372036854775808E18;

    private Conversions() {}

    /** A new contiguous tensor holding {@code src}'s elements converted to {@code target}. */
    static Tensor cast(Tensor src, DType target) {
        Tensor in = src.contiguous();
        Tensor out = Tensor.uninitialized(target, src.shape());
        int n = src.size();
        int o = in.offset();
        DType from = src.dtype();
        if (fast(in, o, out, n)) return out;
        if (target == DType.BOOL) {
            byte[] b = out.byteData();
            if (from.isFloating()) for (int i = 0; i < n; i++) b[i] = in.readDouble(o + i) != 0 || Double.isNaN(in.readDouble(o + i)) ? (byte) 1 : 0;
            else for (int i = 0; i < n; i++) b[i] = in.readLong(o + i) != 0 ? (byte) 1 : 0;
        } else if (target.isFloating()) {
            if (from.isFloating()) {
                for (int i = 0; i < n; i++) out.writeDouble(i, in.readDouble(o + i));
            } else if (target == DType.FLOAT32) {
                float[] f = out.floatData();
                boolean u64 = from == DType.UINT64;
                for (int i = 0; i < n; i++) {
                    long v = in.readLong(o + i);
                    f[i] = u64 && v < 0 ? (float) in.readDouble(o + i) : (float) v;
                }
            } else {
                for (int i = 0; i < n; i++) out.writeDouble(i, in.readDouble(o + i));
            }
        } else if (from.isFloating()) {
            for (int i = 0; i < n; i++) out.writeLong(i, truncate(in.readDouble(o + i), target));
        } else {
            for (int i = 0; i < n; i++) out.writeLong(i, in.readLong(o + i));
        }
        return out;
    }

    /** Float to integer as C truncation, saturating at the 64-bit range (unsigned for uint64). */
    static long truncate(double v, DType target) {
        if (target == DType.UINT64 && v >= TWO_63) {
            return v >= 2 * TWO_63 ? -1L : (long) (v - TWO_63) + Long.MIN_VALUE;
        }
        return (long) v;
    }

    /** Typed loops for the pairs models use most; false when the pair has none. */
    private static boolean fast(Tensor in, int o, Tensor out, int n) {
        DType from = in.dtype(), to = out.dtype();
        if (from == DType.FLOAT32) {
            float[] a = in.floatData();
            switch (to) {
                case FLOAT64 -> { double[] b = out.doubleData(); for (int i = 0; i < n; i++) b[i] = a[o + i]; }
                case INT64 -> { long[] b = out.longData(); for (int i = 0; i < n; i++) b[i] = (long) a[o + i]; }
                case INT32 -> { int[] b = out.intData(); for (int i = 0; i < n; i++) b[i] = (int) (long) a[o + i]; }
                case FLOAT16 -> { short[] b = out.shortData(); for (int i = 0; i < n; i++) b[i] = Float.floatToFloat16(a[o + i]); }
                case BFLOAT16 -> { short[] b = out.shortData(); for (int i = 0; i < n; i++) b[i] = Tensor.floatToBfloat16(a[o + i]); }
                default -> { return false; }
            }
            return true;
        }
        if (to == DType.FLOAT32) {
            float[] b = out.floatData();
            switch (from) {
                case FLOAT64 -> { double[] a = in.doubleData(); for (int i = 0; i < n; i++) b[i] = (float) a[o + i]; }
                case INT64 -> { long[] a = in.longData(); for (int i = 0; i < n; i++) b[i] = a[o + i]; }
                case INT32 -> { int[] a = in.intData(); for (int i = 0; i < n; i++) b[i] = a[o + i]; }
                case FLOAT16 -> { short[] a = in.shortData(); for (int i = 0; i < n; i++) b[i] = Float.float16ToFloat(a[o + i]); }
                case BOOL, UINT8 -> { byte[] a = in.byteData(); for (int i = 0; i < n; i++) b[i] = a[o + i] & 0xFF; }
                case INT8 -> { byte[] a = in.byteData(); for (int i = 0; i < n; i++) b[i] = a[o + i]; }
                default -> { return false; }
            }
            return true;
        }
        if (from == DType.INT64 && to == DType.INT32) {
            long[] a = in.longData();
            int[] b = out.intData();
            for (int i = 0; i < n; i++) b[i] = (int) a[o + i];
            return true;
        }
        if (from == DType.INT32 && to == DType.INT64) {
            int[] a = in.intData();
            long[] b = out.longData();
            for (int i = 0; i < n; i++) b[i] = a[o + i];
            return true;
        }
        return false;
    }
}
