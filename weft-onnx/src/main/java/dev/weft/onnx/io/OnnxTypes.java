package dev.weft.onnx.io;

import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.tensor.DType;

/** The mapping between ONNX {@code TensorProto.DataType} codes and weft dtypes. */
public final class OnnxTypes {
    private OnnxTypes() {}

    private static final String[] NAMES = {"undefined", "float", "uint8", "int8", "uint16", "int16", "int32",
        "int64", "string", "bool", "float16", "double", "uint32", "uint64", "complex64", "complex128",
        "bfloat16", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4",
        "float4e2m1", "float8e8m0", "uint2", "int2"};

    /** The weft dtype of an ONNX data type code, or an {@link UnsupportedOnnxException} naming it. */
    public static DType dtype(int code) {
        return switch (code) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.UINT8;
            case 3 -> DType.INT8;
            case 4 -> DType.UINT16;
            case 5 -> DType.INT16;
            case 6 -> DType.INT32;
            case 7 -> DType.INT64;
            case 9 -> DType.BOOL;
            case 10 -> DType.FLOAT16;
            case 11 -> DType.FLOAT64;
            case 12 -> DType.UINT32;
            case 13 -> DType.UINT64;
            case 16 -> DType.BFLOAT16;
            default -> throw new UnsupportedOnnxException("unsupported dtype " + name(code));
        };
    }

    /** The ONNX data type code of a weft dtype. */
    public static int code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 1;
            case UINT8 -> 2;
            case INT8 -> 3;
            case UINT16 -> 4;
            case INT16 -> 5;
            case INT32 -> 6;
            case INT64 -> 7;
            case BOOL -> 9;
            case FLOAT16 -> 10;
            case FLOAT64 -> 11;
            case UINT32 -> 12;
            case UINT64 -> 13;
            case BFLOAT16 -> 16;
        };
    }

    /** The ONNX name of a data type code, e.g. {@code float8e4m3fn}. */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "data type " + code;
    }
}
