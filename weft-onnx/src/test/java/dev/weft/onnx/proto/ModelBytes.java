package dev.weft.onnx.proto;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** Writes tiny ONNX models in wire format for tests (field numbers from onnx.proto). */
public final class ModelBytes {
    private ModelBytes() {}

    /** A message body written by {@code body}. */
    public interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    public static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bos);
        body.write(out);
        out.flush();
        return bos.toByteArray();
    }

    /** A float tensor type value_info: name, elem type 1, dims. */
    public static byte[] valueInfo(String name, long... dims) throws IOException {
        byte[] shape = message(o -> {
            for (long d : dims) o.writeByteArray(1, message(x -> x.writeInt64(1, d)));
        });
        byte[] tensorType = message(o -> {
            o.writeInt32(1, 1);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensorType));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }

    /** A node: inputs, outputs, op type. */
    public static byte[] node(String opType, String[] inputs, String[] outputs) throws IOException {
        return message(o -> {
            for (String i : inputs) o.writeString(1, i);
            for (String x : outputs) o.writeString(2, x);
            o.writeString(4, opType);
        });
    }

    /** A float initializer stored externally. */
    public static byte[] externalInitializer(String name, long[] dims, Map<String, String> external) throws IOException {
        return message(o -> {
            for (long d : dims) o.writeInt64(1, d);
            o.writeInt32(2, 1);
            o.writeString(8, name);
            for (var e : external.entrySet()) {
                o.writeByteArray(13, message(x -> {
                    x.writeString(1, e.getKey());
                    x.writeString(2, e.getValue());
                }));
            }
            o.writeEnum(14, 1);
        });
    }

    /** A model: IR 8, opset 13, one graph from the given parts. */
    public static byte[] model(byte[][] nodes, byte[][] initializers, byte[][] inputs, byte[][] outputs) throws IOException {
        byte[] graph = message(o -> {
            for (byte[] n : nodes) o.writeByteArray(1, n);
            o.writeString(2, "g");
            for (byte[] t : initializers) o.writeByteArray(5, t);
            for (byte[] i : inputs) o.writeByteArray(11, i);
            for (byte[] x : outputs) o.writeByteArray(12, x);
        });
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(x -> {
                x.writeString(1, "");
                x.writeInt64(2, 13);
            }));
        });
    }
}
