package dev.weft.tensor.ops;

import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single node of an ONNX backend test model, read with a minimal protobuf walk: op type,
 * input and output names, attributes, the graph's input names and the default-domain opset.
 * Test-only; the real importer lives in weft-onnx.
 */
record OnnxNode(String opType, String domain, List<String> inputs, List<String> outputs, Map<String, Object> attrs,
                List<String> graphInputs, int opset, int nodeCount) {

    static OnnxNode read(Path model) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer graph = null;
        int opset = 0;
        while (b.hasRemaining()) {
            long key = TensorProtoReader.varint(b);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire == 2) {
                ByteBuffer sub = lenDelimited(b);
                if (field == 7) graph = sub;
                if (field == 8) {
                    String dom = "";
                    long ver = 0;
                    while (sub.hasRemaining()) {
                        long k = TensorProtoReader.varint(sub);
                        if ((k >>> 3) == 1 && (k & 7) == 2) dom = str(lenDelimited(sub));
                        else if ((k >>> 3) == 2 && (k & 7) == 0) ver = TensorProtoReader.varint(sub);
                        else skip(sub, (int) (k & 7));
                    }
                    if (dom.isEmpty() || dom.equals("ai.onnx")) opset = (int) ver;
                }
            } else {
                skip(b, wire);
            }
        }
        if (graph == null) throw new IOException("no graph in " + model);
        List<ByteBuffer> nodes = new ArrayList<>();
        List<String> graphInputs = new ArrayList<>();
        while (graph.hasRemaining()) {
            long key = TensorProtoReader.varint(graph);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire != 2) { skip(graph, wire); continue; }
            ByteBuffer sub = lenDelimited(graph);
            if (field == 1) nodes.add(sub);
            if (field == 11) {
                while (sub.hasRemaining()) {
                    long k = TensorProtoReader.varint(sub);
                    if ((k >>> 3) == 1 && (k & 7) == 2) graphInputs.add(str(lenDelimited(sub)));
                    else skip(sub, (int) (k & 7));
                }
            }
        }
        ByteBuffer n = nodes.get(0);
        List<String> ins = new ArrayList<>(), outs = new ArrayList<>();
        Map<String, Object> attrs = new HashMap<>();
        String op = "", domain = "";
        while (n.hasRemaining()) {
            long key = TensorProtoReader.varint(n);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire != 2) { skip(n, wire); continue; }
            ByteBuffer sub = lenDelimited(n);
            switch (field) {
                case 1 -> ins.add(str(sub));
                case 2 -> outs.add(str(sub));
                case 4 -> op = str(sub);
                case 7 -> domain = str(sub);
                case 5 -> attribute(sub, attrs);
                default -> { }
            }
        }
        return new OnnxNode(op, domain, ins, outs, attrs, graphInputs, opset, nodes.size());
    }

    private static void attribute(ByteBuffer a, Map<String, Object> attrs) throws IOException {
        String name = null;
        Object value = null;
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        int type = 0;
        while (a.hasRemaining()) {
            long key = TensorProtoReader.varint(a);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            switch (field) {
                case 1 -> name = str(lenDelimited(a));
                case 2 -> value = a.getFloat();
                case 3 -> value = TensorProtoReader.varint(a);
                case 4 -> value = str(lenDelimited(a));
                case 5 -> {
                    ByteBuffer t = lenDelimited(a);
                    byte[] bytes = new byte[t.remaining()];
                    t.get(bytes);
                    value = TensorProtoReader.read(bytes);
                }
                case 7 -> {
                    if (wire == 2) { ByteBuffer p = lenDelimited(a); while (p.hasRemaining()) floats.add(p.getFloat()); }
                    else floats.add(a.getFloat());
                }
                case 8 -> {
                    if (wire == 2) { ByteBuffer p = lenDelimited(a); while (p.hasRemaining()) ints.add(TensorProtoReader.varint(p)); }
                    else ints.add(TensorProtoReader.varint(a));
                }
                case 20 -> type = (int) TensorProtoReader.varint(a);
                default -> skip(a, wire);
            }
        }
        if (type == 7) value = ints.stream().mapToLong(Long::longValue).toArray();
        if (type == 6) {
            float[] f = new float[floats.size()];
            for (int i = 0; i < f.length; i++) f[i] = floats.get(i);
            value = f;
        }
        if (name != null && value != null) attrs.put(name, value);
    }

    private static ByteBuffer lenDelimited(ByteBuffer b) {
        int len = (int) TensorProtoReader.varint(b);
        ByteBuffer sub = b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + len);
        return sub;
    }

    private static void skip(ByteBuffer b, int wire) {
        switch (wire) {
            case 0 -> TensorProtoReader.varint(b);
            case 1 -> b.position(b.position() + 8);
            case 2 -> lenDelimited(b);
            case 5 -> b.position(b.position() + 4);
            default -> throw new IllegalStateException("wire type " + wire);
        }
    }

    private static String str(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    long i(String name, long def) { return attrs.get(name) instanceof Long l ? l : def; }

    double f(String name, double def) { return attrs.get(name) instanceof Float f ? f : def; }

    String s(String name, String def) { return attrs.get(name) instanceof String s ? s : def; }

    long[] ints(String name) { return attrs.get(name) instanceof long[] l ? l : null; }

    Tensor t(String name) { return attrs.get(name) instanceof Tensor t ? t : null; }
}
