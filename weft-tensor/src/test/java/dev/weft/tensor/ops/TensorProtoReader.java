package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ONNX backend tests' {@code TensorProto} files (dims, data type, raw or typed data) for
 * float, double, int32 and int64 tensors, so op tests can check against ONNX's own expected
 * outputs without a protobuf dependency in this module.
 */
final class TensorProtoReader {
    private TensorProtoReader() {}

    static Tensor read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> dims = new ArrayList<>();
        int type = 1;
        byte[] raw = null;
        List<Double> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        while (b.hasRemaining()) {
            long key = varint(b);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire == 0) {
                long v = varint(b);
                if (field == 1) dims.add(v);
                else if (field == 2) type = (int) v;
                else if (field == 5 || field == 7 || field == 11) ints.add(v);
            } else if (wire == 2) {
                int len = (int) varint(b);
                ByteBuffer sub = b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN);
                b.position(b.position() + len);
                switch (field) {
                    case 1 -> { while (sub.hasRemaining()) dims.add(varint(sub)); }
                    case 4 -> { while (sub.hasRemaining()) floats.add((double) sub.getFloat()); }
                    case 10 -> { while (sub.hasRemaining()) floats.add(sub.getDouble()); }
                    case 5, 7, 11 -> { while (sub.hasRemaining()) ints.add(varint(sub)); }
                    case 9 -> { raw = new byte[len]; sub.get(raw); }
                    default -> { }
                }
            } else if (wire == 5) {
                float f = b.getFloat();
                if (field == 4) floats.add((double) f);
            } else if (wire == 1) {
                double d = b.getDouble();
                if (field == 10) floats.add(d);
            } else {
                throw new IOException("unsupported wire type " + wire + " in " + file);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        DType dt = dtypeOf(type);
        if (dt == null) throw new IOException("unsupported data type " + type + " in " + file);
        Tensor t = Tensor.zeros(dt, Shape.of(shape));
        if (raw != null) {
            ByteBuffer r = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                int pos = t.storageIndex(i);
                switch (dt.storage()) {
                    case FLOAT -> t.floatData()[pos] = r.getFloat();
                    case DOUBLE -> t.doubleData()[pos] = r.getDouble();
                    case INT -> t.intData()[pos] = r.getInt();
                    case LONG -> t.longData()[pos] = r.getLong();
                    case SHORT -> t.shortData()[pos] = r.getShort();
                    case BYTE -> t.byteData()[pos] = r.get();
                }
            }
        } else if (dt == DType.FLOAT32 || dt == DType.FLOAT64) {
            for (int i = 0; i < t.size(); i++) t.setDouble(i, floats.get(i));
        } else if (dt == DType.FLOAT16 || dt == DType.BFLOAT16) {
            for (int i = 0; i < t.size(); i++) t.shortData()[i] = (short) (long) ints.get(i);
        } else {
            for (int i = 0; i < t.size(); i++) t.setLong(i, ints.get(i));
        }
        return t;
    }

    /** The weft dtype of an ONNX TensorProto.DataType code, or null (string, complex, float8...). */
    static DType dtypeOf(int code) {
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
            default -> null;
        };
    }

    /** Reads a TensorProto from bytes already in memory (an attribute's tensor). */
    static Tensor read(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("tensor", ".pb");
        try {
            Files.write(tmp, bytes);
            return read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b.get();
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) return v;
        }
    }
}
