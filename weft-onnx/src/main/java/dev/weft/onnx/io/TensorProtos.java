package dev.weft.onnx.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.proto.OnnxParser;
import dev.weft.onnx.proto.TensorProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Converts between ONNX TensorProtos and weft tensors.
 *
 * <p>Every declared size is checked against the data actually present (raw bytes, typed field
 * length, external file length) before the tensor is allocated, so a corrupt header cannot cause a
 * huge allocation. External data is read only from files inside the model's folder.
 */
public final class TensorProtos {
    private TensorProtos() {}

    /** Reads a {@code .pb} file holding one TensorProto. */
    public static Tensor read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        TensorProto tp;
        try {
            tp = OnnxParser.parseTensor(bytes);
        } catch (IOException e) {
            throw new OnnxFormatException(file + ": not a valid TensorProto (" + e.getMessage() + ")", e);
        }
        return decode(tp, file.toAbsolutePath().getParent(), file.toString());
    }

    /** The shape of a TensorProto after checking each dimension. */
    public static Shape shape(TensorProto tp, String where) {
        try {
            return Shape.of(tp.dims());
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(where + ": " + e.getMessage());
        }
    }

    /**
     * The tensor a TensorProto holds.
     *
     * @param baseDir folder that external data locations are relative to (null: external data refused)
     * @param where   what to name in messages (file, initializer)
     */
    public static Tensor decode(TensorProto tp, Path baseDir, String where) {
        if (tp.dataType() == 8) throw new UnsupportedOnnxException(where + ": unsupported dtype string");
        DType dtype = OnnxTypes.dtype(tp.dataType());
        if (tp.segmented()) throw new UnsupportedOnnxException(where + ": segmented tensors are not supported");
        Shape shape = shape(tp, where);
        int n = shape.size();
        long bytesNeeded = (long) n * dtype.byteSize();
        if (tp.external() || !tp.externalData().isEmpty()) {
            ByteBuffer buf = external(tp, baseDir, where, bytesNeeded);
            return fromBytes(dtype, shape, buf);
        }
        if (tp.rawData() != null) {
            ByteString raw = tp.rawData();
            if (raw.size() != bytesNeeded) {
                throw new OnnxFormatException(where + ": " + dtype + shape + " needs " + bytesNeeded
                        + " bytes of raw data but " + raw.size() + " are present");
            }
            return fromBytes(dtype, shape, raw.asReadOnlyByteBuffer());
        }
        int present = switch (dtype) {
            case FLOAT32 -> tp.floatData().length;
            case FLOAT64 -> tp.doubleData().length;
            case INT64 -> tp.int64Data().length;
            case UINT32, UINT64 -> tp.uint64Data().length;
            default -> tp.int32Data().length;
        };
        if (present != n) {
            throw new OnnxFormatException(where + ": " + dtype + shape + " has " + n + " elements but its data field holds "
                    + present);
        }
        Tensor t = Tensor.zeros(dtype, shape);
        switch (dtype) {
            case FLOAT32 -> System.arraycopy(tp.floatData(), 0, t.floatData(), 0, n);
            case FLOAT64 -> System.arraycopy(tp.doubleData(), 0, t.doubleData(), 0, n);
            case INT64 -> System.arraycopy(tp.int64Data(), 0, t.longData(), 0, n);
            case UINT64 -> System.arraycopy(tp.uint64Data(), 0, t.longData(), 0, n);
            case UINT32 -> { for (int i = 0; i < n; i++) t.intData()[i] = (int) tp.uint64Data()[i]; }
            case INT32 -> System.arraycopy(tp.int32Data(), 0, t.intData(), 0, n);
            case INT16, UINT16, FLOAT16, BFLOAT16 -> { for (int i = 0; i < n; i++) t.shortData()[i] = (short) tp.int32Data()[i]; }
            case INT8, UINT8 -> { for (int i = 0; i < n; i++) t.byteData()[i] = (byte) tp.int32Data()[i]; }
            case BOOL -> { for (int i = 0; i < n; i++) t.byteData()[i] = (byte) (tp.int32Data()[i] != 0 ? 1 : 0); }
        }
        return t;
    }

    private static ByteBuffer external(TensorProto tp, Path baseDir, String where, long bytesNeeded) {
        String location = tp.externalData().get("location");
        if (location == null || location.isEmpty()) {
            throw new OnnxFormatException(where + ": external data without a location");
        }
        if (baseDir == null) throw new OnnxFormatException(where + ": external data is not allowed here");
        Path loc = Path.of(location);
        Path base = baseDir.toAbsolutePath().normalize();
        Path file = base.resolve(loc).normalize();
        if (loc.isAbsolute() || !file.startsWith(base) || location.contains("..")) {
            throw new OnnxFormatException(where + ": external data location '" + location
                    + "' escapes the model's folder; only relative paths inside it are allowed");
        }
        long offset = parseLong(tp.externalData().getOrDefault("offset", "0"), where, "offset");
        String lengthText = tp.externalData().get("length");
        long length = lengthText == null ? -1 : parseLong(lengthText, where, "length");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (length < 0) length = size - offset;
            if (offset < 0 || offset > size || length > size - offset) {
                throw new OnnxFormatException(where + ": external data " + location + " has " + size
                        + " bytes, less than offset " + offset + " + length " + length);
            }
            if (length != bytesNeeded) {
                throw new OnnxFormatException(where + ": needs " + bytesNeeded + " bytes but its external data "
                        + location + " gives " + length);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) throw new OnnxFormatException(where + ": " + location + " is truncated");
            }
            return buf.flip();
        } catch (IOException e) {
            throw new OnnxFormatException(where + ": cannot read external data " + location + ": " + e.getMessage(), e);
        }
    }

    private static long parseLong(String s, String where, String key) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new OnnxFormatException(where + ": external data " + key + " '" + s + "' is not a number");
        }
    }

    /** A tensor from little-endian bytes, exactly {@code shape.size() * byteSize} of them. */
    public static Tensor fromBytes(DType dtype, Shape shape, ByteBuffer bytes) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        Tensor t = Tensor.zeros(dtype, shape);
        switch (dtype.storage()) {
            case FLOAT -> b.asFloatBuffer().get(t.floatData());
            case DOUBLE -> b.asDoubleBuffer().get(t.doubleData());
            case LONG -> b.asLongBuffer().get(t.longData());
            case INT -> b.asIntBuffer().get(t.intData());
            case SHORT -> b.asShortBuffer().get(t.shortData());
            case BYTE -> {
                b.get(t.byteData());
                if (dtype == DType.BOOL) {
                    byte[] d = t.byteData();
                    for (int i = 0; i < d.length; i++) d[i] = (byte) (d[i] != 0 ? 1 : 0);
                }
            }
        }
        return t;
    }

    /** The elements of a tensor as little-endian bytes, row-major. */
    public static byte[] toBytes(Tensor tensor) {
        Tensor t = tensor.contiguous();
        int n = t.size();
        ByteBuffer b = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype().storage()) {
            case FLOAT -> b.asFloatBuffer().put(t.floatData(), 0, n);
            case DOUBLE -> b.asDoubleBuffer().put(t.doubleData(), 0, n);
            case LONG -> b.asLongBuffer().put(t.longData(), 0, n);
            case INT -> b.asIntBuffer().put(t.intData(), 0, n);
            case SHORT -> b.asShortBuffer().put(t.shortData(), 0, n);
            case BYTE -> b.put(t.byteData(), 0, n);
        }
        return b.array();
    }

    /** Serializes a tensor as a TensorProto with {@code raw_data}. */
    public static byte[] encode(String name, Tensor tensor) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bos);
            for (long d : tensor.shape().toLongArray()) out.writeInt64(1, d);
            out.writeInt32(2, OnnxTypes.code(tensor.dtype()));
            if (name != null && !name.isEmpty()) out.writeString(8, name);
            out.writeByteArray(9, toBytes(tensor));
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes a tensor to a {@code .pb} file. */
    public static void write(Path file, String name, Tensor tensor) throws IOException {
        Files.write(file, encode(name, tensor));
    }

    static String dims(long[] dims) { return Arrays.toString(dims); }
}
