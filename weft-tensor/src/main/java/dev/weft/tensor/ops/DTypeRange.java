package dev.weft.tensor.ops;

import dev.weft.tensor.DType;

/** The smallest and largest value of each integer dtype, as doubles (exact up to 2^53, rounded beyond). */
final class DTypeRange {
    private DTypeRange() {}

    static double min(DType dt) {
        return switch (dt) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case BOOL, UINT8, UINT16, UINT32, UINT64 -> 0;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    static double max(DType dt) {
        return switch (dt) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            case BOOL -> 1;
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 4294967295.0;
            case UINT64 -> 18446744073709551615.0;
            default -> Double.POSITIVE_INFINITY;
        };
    }
}
