package dev.weft.tensor;

/**
 * The element types a tensor can hold: the numeric and boolean types of ONNX.
 *
 * <p>Each type is stored in the narrowest Java primitive array that holds it bit for bit
 * ({@link #storage()}): unsigned types share the array of their signed twin and are read
 * through masking, and the 16-bit floats are stored as their raw bits in a {@code short[]}.
 */
public enum DType {
    FLOAT32(4, Storage.FLOAT, true),
    FLOAT64(8, Storage.DOUBLE, true),
    FLOAT16(2, Storage.SHORT, true),
    BFLOAT16(2, Storage.SHORT, true),
    INT64(8, Storage.LONG, false),
    INT32(4, Storage.INT, false),
    INT16(2, Storage.SHORT, false),
    INT8(1, Storage.BYTE, false),
    UINT64(8, Storage.LONG, false),
    UINT32(4, Storage.INT, false),
    UINT16(2, Storage.SHORT, false),
    UINT8(1, Storage.BYTE, false),
    BOOL(1, Storage.BYTE, false);

    /** The Java primitive array behind a dtype. */
    public enum Storage { FLOAT, DOUBLE, LONG, INT, SHORT, BYTE }

    private final int byteSize;
    private final Storage storage;
    private final boolean floating;

    DType(int byteSize, Storage storage, boolean floating) {
        this.byteSize = byteSize;
        this.storage = storage;
        this.floating = floating;
    }

    /** Bytes per element in the ONNX wire format (and in memory, since storage is exact). */
    public int byteSize() { return byteSize; }

    /** The primitive array kind that stores this dtype. */
    public Storage storage() { return storage; }

    /** True for the floating-point types. */
    public boolean isFloating() { return floating; }

    /** True for the integer types, signed or not (bool is not an integer). */
    public boolean isInteger() { return !floating && this != BOOL; }

    /** True for UINT8..UINT64. */
    public boolean isUnsigned() { return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64; }

    /** A new zero-filled array of this dtype's storage kind. */
    Object newArray(int length) {
        return switch (storage) {
            case FLOAT -> new float[length];
            case DOUBLE -> new double[length];
            case LONG -> new long[length];
            case INT -> new int[length];
            case SHORT -> new short[length];
            case BYTE -> new byte[length];
        };
    }

    /** Lower-case name as weft prints it, e.g. {@code float32}. */
    @Override
    public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
}
