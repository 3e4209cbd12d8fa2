package dev.weft.onnx.io;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} format, versions 1 to 3: little-endian, C order, numeric and bool dtypes.
 * The header's shape is checked against the bytes present before the tensor is allocated.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Decodes the bytes of a {@code .npy} file; {@code where} names it in messages. */
    public static Tensor decode(byte[] bytes, String where) {
        if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
            throw new OnnxFormatException(where + ": not a .npy file (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new OnnxFormatException(where + ": truncated .npy header");
            headerLen = b.getInt(8) & 0xFFFF_FFFFL;
            start = 12;
        } else {
            throw new OnnxFormatException(where + ": unsupported .npy version " + major);
        }
        if (start + headerLen > bytes.length) throw new OnnxFormatException(where + ": truncated .npy header");
        String header = new String(bytes, start, (int) headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) throw new OnnxFormatException(where + ": .npy header lacks descr or shape: " + header.strip());
        if (f.find() && f.group(1).equals("True")) {
            throw new UnsupportedOnnxException(where + ": Fortran-order .npy arrays are not supported");
        }
        DType dtype = dtypeOf(d.group(1), where);
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw new OnnxFormatException(where + ": bad .npy shape (" + s.group(1) + ")");
                }
            }
        }
        Shape shape;
        try {
            shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(where + ": " + e.getMessage());
        }
        long need = (long) shape.size() * dtype.byteSize();
        long have = bytes.length - start - headerLen;
        if (have < need) {
            throw new OnnxFormatException(where + ": " + dtype + shape + " needs " + need + " bytes of data but only "
                    + have + " are present");
        }
        return TensorProtos.fromBytes(dtype, shape, ByteBuffer.wrap(bytes, (int) (start + headerLen), (int) need));
    }

    private static DType dtypeOf(String descr, String where) {
        if (descr.startsWith(">") && !descr.endsWith("1")) {
            throw new UnsupportedOnnxException(where + ": big-endian .npy data (" + descr + ") is not supported");
        }
        return switch (descr.substring(1)) {
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "f2" -> DType.FLOAT16;
            case "i8" -> DType.INT64;
            case "i4" -> DType.INT32;
            case "i2" -> DType.INT16;
            case "i1" -> DType.INT8;
            case "u8" -> DType.UINT64;
            case "u4" -> DType.UINT32;
            case "u2" -> DType.UINT16;
            case "u1" -> DType.UINT8;
            case "b1" -> DType.BOOL;
            default -> throw new UnsupportedOnnxException(where + ": unsupported .npy dtype " + descr);
        };
    }

    private static String descrOf(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT64 -> "<u8";
            case UINT32 -> "<u4";
            case UINT16 -> "<u2";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case BFLOAT16 -> throw new UnsupportedOnnxException("bfloat16 has no .npy dtype; write .pb instead");
        };
    }

    /** Encodes a tensor as a version-1 {@code .npy} file. */
    public static byte[] encode(Tensor t) {
        int[] dims = t.shape().dims();
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) shape.append(i > 0 ? ", " : "").append(dims[i]);
        shape.append(dims.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descrOf(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] data = TensorProtos.toBytes(t);
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return out.array();
    }
}
