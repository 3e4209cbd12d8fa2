package dev.weft.tensor;

/**
 * Reads and writes one element of any dtype in its storage array, converting to and from double
 * or long: unsigned types are masked, float16 and bfloat16 decoded from and rounded to their bits,
 * bool stored as 0 or 1. The general (not fast) element access behind {@link Tensor}.
 */
final class ElementCodec {
    private ElementCodec() {}

    /** The value at storage position {@code pos} as a double. */
    static double readDouble(DType dtype, Object data, int pos) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[pos];
            case FLOAT64 -> ((double[]) data)[pos];
            case FLOAT16 -> Float.float16ToFloat(((short[]) data)[pos]);
            case BFLOAT16 -> Float.intBitsToFloat(((short[]) data)[pos] << 16);
            case UINT64 -> unsignedToDouble(((long[]) data)[pos]);
            default -> readLong(dtype, data, pos);
        };
    }

    /** The value at storage position {@code pos} as a long. */
    static long readLong(DType dtype, Object data, int pos) {
        return switch (dtype) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> (long) readDouble(dtype, data, pos);
            case INT64, UINT64 -> ((long[]) data)[pos];
            case INT32 -> ((int[]) data)[pos];
            case UINT32 -> ((int[]) data)[pos] & 0xFFFF_FFFFL;
            case INT16 -> ((short[]) data)[pos];
            case UINT16 -> ((short[]) data)[pos] & 0xFFFF;
            case INT8 -> ((byte[]) data)[pos];
            case UINT8 -> ((byte[]) data)[pos] & 0xFF;
            case BOOL -> ((byte[]) data)[pos] != 0 ? 1 : 0;
        };
    }

    /** Stores {@code value} converted to this dtype at storage position {@code pos}. */
    static void writeDouble(DType dtype, Object data, int pos, double value) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) data)[pos] = (float) value;
            case FLOAT64 -> ((double[]) data)[pos] = value;
            case FLOAT16 -> ((short[]) data)[pos] = Float.floatToFloat16((float) value);
            case BFLOAT16 -> ((short[]) data)[pos] = floatToBfloat16((float) value);
            case BOOL -> ((byte[]) data)[pos] = (byte) (value != 0 || Double.isNaN(value) ? 1 : 0);
            default -> writeLong(dtype, data, pos, Conversions.truncate(value, dtype));
        }
    }

    /** Stores {@code value} converted to this dtype at storage position {@code pos}; integers wrap as in C. */
    static void writeLong(DType dtype, Object data, int pos, long value) {
        switch (dtype.storage()) {
            case LONG -> ((long[]) data)[pos] = value;
            case INT -> ((int[]) data)[pos] = (int) value;
            case BYTE -> ((byte[]) data)[pos] = dtype == DType.BOOL ? (byte) (value != 0 ? 1 : 0) : (byte) value;
            case SHORT -> {
                if (dtype.isFloating()) writeDouble(dtype, data, pos, value);
                else ((short[]) data)[pos] = (short) value;
            }
            case FLOAT, DOUBLE -> writeDouble(dtype, data, pos, value);
        }
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /** Rounds a float to the nearest bfloat16 (ties to even), keeping NaN a NaN. */
    static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
