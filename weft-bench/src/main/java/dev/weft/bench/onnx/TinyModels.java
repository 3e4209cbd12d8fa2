package dev.weft.bench.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Serialised one-node ONNX models (IR 8, opset 17), written field by field in the protobuf wire
 * format with protobuf-java's {@link CodedOutputStream}; field numbers are those of onnx.proto.
 * Stateless and thread-safe.
 */
public final class TinyModels {
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT

    private TinyModels() {}

    /** {@code Y = MatMul(A, B)} with A [m, k] and B [k, n] both graph inputs. */
    public static byte[] matMul(int m, int n, int k) {
        byte[] node = node("MatMul", new String[] {"A", "B"}, "Y");
        return model(graph(new byte[][] {node}, new byte[0][],
                new byte[][] {valueInfo("A", m, k), valueInfo("B", k, n)}, valueInfo("Y", m, n)));
    }

    /**
     * {@code Y = Conv(X, W, B)} for a 2-d square convolution with weights and bias as initializers
     * (so ONNX Runtime may prepack them, as it does in real models).
     */
    public static byte[] conv2d(int n, int c, int h, int w, int m, int kernel, int stride, int pad,
                                float[] weights, float[] bias) {
        int oh = (h + 2 * pad - kernel) / stride + 1, ow = (w + 2 * pad - kernel) / stride + 1;
        byte[] attrs = concat(
                field(5, intsAttr("kernel_shape", kernel, kernel)),
                field(5, intsAttr("strides", stride, stride)),
                field(5, intsAttr("pads", pad, pad, pad, pad)),
                field(5, intsAttr("dilations", 1, 1)),
                field(5, intAttr("group", 1)));
        byte[] node = concat(node("Conv", new String[] {"X", "W", "B"}, "Y"), attrs);
        return model(graph(new byte[][] {node},
                new byte[][] {tensor("W", weights, m, c, kernel, kernel), tensor("B", bias, m)},
                new byte[][] {valueInfo("X", n, c, h, w)}, valueInfo("Y", n, m, oh, ow)));
    }

    /**
     * {@code Y = ConvTranspose(X, W, B)} for a 2-d square transposed convolution on [1, c, h, h] with
     * m output channels; W is [c, m, kernel, kernel] and B [m], as initializers.
     */
    public static byte[] convTranspose2d(int c, int h, int m, int kernel, int stride, int pad, float[] weights, float[] bias) {
        int o = stride * (h - 1) + kernel - 2 * pad;
        byte[] attrs = concat(
                field(5, intsAttr("kernel_shape", kernel, kernel)),
                field(5, intsAttr("strides", stride, stride)),
                field(5, intsAttr("pads", pad, pad, pad, pad)));
        byte[] node = concat(node("ConvTranspose", new String[] {"X", "W", "B"}, "Y"), attrs);
        return model(graph(new byte[][] {node},
                new byte[][] {tensor("W", weights, c, m, kernel, kernel), tensor("B", bias, m)},
                new byte[][] {valueInfo("X", 1, c, h, h)}, valueInfo("Y", 1, m, o, o)));
    }

    /**
     * {@code Y = Conv(X, W, B)} for a 2-d square depthwise convolution (group = channels), weights and
     * bias as initializers; with {@code clip} followed by {@code Clip(lo, hi)} (MobileNet's ReLU6).
     */
    public static byte[] depthwiseConv2d(int c, int h, int kernel, int stride, int pad, float[] weights, float[] bias,
                                         boolean clip, float lo, float hi) {
        int o = (h + 2 * pad - kernel) / stride + 1;
        byte[] attrs = concat(
                field(5, intsAttr("kernel_shape", kernel, kernel)),
                field(5, intsAttr("strides", stride, stride)),
                field(5, intsAttr("pads", pad, pad, pad, pad)),
                field(5, intAttr("group", c)));
        byte[] conv = concat(node("Conv", new String[] {"X", "W", "B"}, clip ? "C" : "Y"), attrs);
        byte[][] inits = {tensor("W", weights, c, 1, kernel, kernel), tensor("B", bias, c)};
        byte[][] nodes = {conv};
        if (clip) {
            nodes = new byte[][] {conv, node("Clip", new String[] {"C", "lo", "hi"}, "Y")};
            inits = new byte[][] {inits[0], inits[1], tensor("lo", new float[] {lo}), tensor("hi", new float[] {hi})};
        }
        return model(graph(nodes, inits, new byte[][] {valueInfo("X", 1, c, h, h)}, valueInfo("Y", 1, c, o, o)));
    }

    /**
     * {@code Y = op(X)} for a 2-d square MaxPool or AveragePool (count_include_pad 0) on [1, c, h, h],
     * with ONNX's output size, {@code ceil_mode} included.
     */
    public static byte[] pool2d(String op, int c, int h, int kernel, int stride, int pad, boolean ceil) {
        int o = poolOut(h, kernel, stride, pad, ceil);
        byte[] attrs = concat(
                field(5, intsAttr("kernel_shape", kernel, kernel)),
                field(5, intsAttr("strides", stride, stride)),
                field(5, intsAttr("pads", pad, pad, pad, pad)),
                field(5, intAttr("ceil_mode", ceil ? 1 : 0)));
        byte[] node = concat(node(op, new String[] {"X"}, "Y"), attrs);
        return model(graph(new byte[][] {node}, new byte[0][], new byte[][] {valueInfo("X", 1, c, h, h)},
                valueInfo("Y", 1, c, o, o)));
    }

    /** ONNX pooling output size along one axis; ceil mode drops a last window that starts in the trailing pad. */
    public static int poolOut(int h, int kernel, int stride, int pad, boolean ceil) {
        int span = h + 2 * pad - kernel;
        int o = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (o - 1) * stride >= h + pad) o--;
        return o;
    }

    private static byte[] model(byte[] graph) {
        return write(o -> {
            o.writeInt64(1, 8);                 // ir_version
            o.writeString(2, "weft-bench");     // producer_name
            o.writeByteArray(7, graph);         // graph
            o.writeByteArray(8, write(s -> {    // opset_import
                s.writeString(1, "");
                s.writeInt64(2, 17);
            }));
        });
    }

    private static byte[] graph(byte[][] nodes, byte[][] initializers, byte[][] inputs, byte[] output) {
        return write(o -> {
            for (byte[] n : nodes) o.writeByteArray(1, n);
            o.writeString(2, "tiny");
            for (byte[] t : initializers) o.writeByteArray(5, t);
            for (byte[] i : inputs) o.writeByteArray(11, i);
            o.writeByteArray(12, output);
        });
    }

    private static byte[] node(String op, String[] inputs, String output) {
        return write(o -> {
            for (String i : inputs) o.writeString(1, i);
            o.writeString(2, output);
            o.writeString(3, op.toLowerCase(java.util.Locale.ROOT));
            o.writeString(4, op);
        });
    }

    private static byte[] intsAttr(String name, long... values) {
        return write(o -> {
            o.writeString(1, name);
            for (long v : values) o.writeInt64(8, v);
            o.writeInt32(20, 7); // AttributeType.INTS
        });
    }

    private static byte[] intAttr(String name, long value) {
        return write(o -> {
            o.writeString(1, name);
            o.writeInt64(3, value);
            o.writeInt32(20, 2); // AttributeType.INT
        });
    }

    private static byte[] tensor(String name, float[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return write(o -> {
            for (long d : dims) o.writeInt64(1, d);
            o.writeInt32(2, FLOAT);
            o.writeString(8, name);
            o.writeByteArray(9, raw.array());
        });
    }

    private static byte[] valueInfo(String name, long... dims) {
        byte[] shape = write(o -> {
            for (long d : dims) o.writeByteArray(1, write(dim -> dim.writeInt64(1, d)));
        });
        byte[] tensorType = write(o -> {
            o.writeInt32(1, FLOAT);
            o.writeByteArray(2, shape);
        });
        return write(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, write(t -> t.writeByteArray(1, tensorType)));
        });
    }

    /** A repeated message field holding an already-serialised message (for appending to a node). */
    private static byte[] field(int number, byte[] message) {
        return write(o -> o.writeByteArray(number, message));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
