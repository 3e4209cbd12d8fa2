package dev.weft.onnx.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX messages from protobuf wire format, by hand, with {@link CodedInputStream}.
 *
 * <p>Why by hand: the few messages weft needs fit in one file; no protoc binary has to be fetched at
 * build time (builds run offline); and this parser checks every declared length against the bytes
 * that remain before it allocates (CodedInputStream refuses a length past its limit), so a corrupt
 * file fails with {@link InvalidProtocolBufferException} instead of running out of memory.
 * Nesting (graphs inside attributes) is capped at {@link #MAX_DEPTH}.
 *
 * <p>Stateless and thread-safe; each call parses one byte array.
 */
public final class OnnxParser {
    /** How deep graphs may nest inside attributes (If/Loop bodies inside bodies). */
    public static final int MAX_DEPTH = 64;

    private OnnxParser() {}

    /** Parses a serialized ModelProto. */
    public static ModelProto parseModel(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        return model(in);
    }

    /** Parses a serialized TensorProto (the {@code input_0.pb} files of backend tests). */
    public static TensorProto parseTensor(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        return tensor(in);
    }

    private static ModelProto model(CodedInputStream in) throws IOException {
        long ir = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        String producer = "";
        String producerVersion = "";
        GraphProto graph = null;
        List<FunctionProto> functions = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> ir = in.readInt64();
                case 2 -> producer = in.readString();
                case 3 -> producerVersion = in.readString();
                case 7 -> graph = nested(in, () -> graph(in, 0));
                case 8 -> {
                    String[] kv = nested(in, () -> opset(in));
                    opsets.put(kv[0], Long.parseLong(kv[1]));
                }
                case 14 -> {
                    String[] kv = nested(in, () -> stringPair(in));
                    metadata.put(kv[0], kv[1]);
                }
                case 25 -> functions.add(nested(in, () -> function(in)));
                default -> in.skipField(tag);
            }
        }
        if (graph == null) throw new InvalidProtocolBufferException("the model has no graph");
        String prod = producerVersion.isEmpty() ? producer : producer + " " + producerVersion;
        return new ModelProto(ir, opsets, prod, graph, functions, metadata);
    }

    private static String[] opset(CodedInputStream in) throws IOException {
        String domain = "";
        long version = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readString();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new String[] {domain, Long.toString(version)};
    }

    private static String[] stringPair(CodedInputStream in) throws IOException {
        String key = "", value = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readString();
                case 2 -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new String[] {key, value};
    }

    static GraphProto graph(CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new InvalidProtocolBufferException("graphs nest more than " + MAX_DEPTH + " deep");
        String name = "";
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> inits = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>(), outputs = new ArrayList<>(), info = new ArrayList<>();
        int sparse = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(nested(in, () -> node(in, depth)));
                case 2 -> name = in.readString();
                case 5 -> inits.add(nested(in, () -> tensor(in)));
                case 11 -> inputs.add(nested(in, () -> valueInfo(in)));
                case 12 -> outputs.add(nested(in, () -> valueInfo(in)));
                case 13 -> info.add(nested(in, () -> valueInfo(in)));
                case 15 -> {
                    sparse++;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        return new GraphProto(name, nodes, inits, inputs, outputs, info, sparse);
    }

    private static NodeProto node(CodedInputStream in, int depth) throws IOException {
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        String name = "", opType = "", domain = "";
        List<AttributeProto> attrs = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                case 5 -> attrs.add(nested(in, () -> attribute(in, depth)));
                case 7 -> domain = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new NodeProto(inputs, outputs, name, opType, domain, attrs);
    }

    private static AttributeProto attribute(CodedInputStream in, int depth) throws IOException {
        String name = "", ref = "";
        int type = 0;
        float f = 0;
        long i = 0;
        ByteString s = ByteString.EMPTY;
        TensorProto t = null;
        GraphProto g = null;
        Floats floats = new Floats();
        Longs ints = new Longs();
        List<ByteString> strings = new ArrayList<>();
        List<TensorProto> tensors = new ArrayList<>();
        List<GraphProto> graphs = new ArrayList<>();
        boolean sawF = false, sawI = false, sawS = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> { f = in.readFloat(); sawF = true; }
                case 3 -> { i = in.readInt64(); sawI = true; }
                case 4 -> { s = in.readBytes(); sawS = true; }
                case 5 -> t = nested(in, () -> tensor(in));
                case 6 -> g = nested(in, () -> graph(in, depth + 1));
                case 7 -> floats.read(in, tag);
                case 8 -> ints.read(in, tag);
                case 9 -> strings.add(in.readBytes());
                case 10 -> tensors.add(nested(in, () -> tensor(in)));
                case 11 -> graphs.add(nested(in, () -> graph(in, depth + 1)));
                case 20 -> type = in.readEnum();
                case 21 -> ref = in.readString();
                case 22, 23 -> { type = type == 0 ? AttributeProto.SPARSE_TENSOR : type; in.skipField(tag); }
                default -> in.skipField(tag);
            }
        }
        if (type == 0) { // IR < 2 writers left the type out; infer it from the field that is set
            if (t != null) type = AttributeProto.TENSOR;
            else if (g != null) type = AttributeProto.GRAPH;
            else if (floats.size > 0) type = AttributeProto.FLOATS;
            else if (ints.size > 0) type = AttributeProto.INTS;
            else if (!strings.isEmpty()) type = AttributeProto.STRINGS;
            else if (!tensors.isEmpty()) type = AttributeProto.TENSORS;
            else if (!graphs.isEmpty()) type = AttributeProto.GRAPHS;
            else if (sawF) type = AttributeProto.FLOAT;
            else if (sawI) type = AttributeProto.INT;
            else if (sawS) type = AttributeProto.STRING;
        }
        return new AttributeProto(name, type, ref, f, i, s, t, g, floats.toArray(), ints.toArray(), strings,
                tensors, graphs);
    }

    private static ValueInfoProto valueInfo(CodedInputStream in) throws IOException {
        String name = "";
        TypeProto type = new TypeProto.Other("missing type");
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> type = nested(in, () -> type(in, 0));
                default -> in.skipField(tag);
            }
        }
        return new ValueInfoProto(name, type);
    }

    private static TypeProto type(CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new InvalidProtocolBufferException("types nest more than " + MAX_DEPTH + " deep");
        TypeProto type = new TypeProto.Other("missing type");
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> type = nested(in, () -> tensorType(in));
                case 4 -> type = new TypeProto.Sequence(nested(in, () -> elemType(in, depth)));
                case 9 -> type = new TypeProto.Optional(nested(in, () -> elemType(in, depth)));
                case 5 -> { type = new TypeProto.Other("map"); in.skipField(tag); }
                case 8 -> { type = new TypeProto.Other("sparse tensor"); in.skipField(tag); }
                default -> in.skipField(tag);
            }
        }
        return type;
    }

    /** The body of TypeProto.Sequence / TypeProto.Optional: field 1 is the element TypeProto. */
    private static TypeProto elemType(CodedInputStream in, int depth) throws IOException {
        TypeProto elem = new TypeProto.Other("missing type");
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1) elem = nested(in, () -> type(in, depth + 1));
            else in.skipField(tag);
        }
        return elem;
    }

    private static TypeProto.Tensor tensorType(CodedInputStream in) throws IOException {
        int elem = 0;
        long[] dims = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> elem = in.readInt32();
                case 2 -> dims = nested(in, () -> shape(in));
                default -> in.skipField(tag);
            }
        }
        return new TypeProto.Tensor(elem, dims);
    }

    private static long[] shape(CodedInputStream in) throws IOException {
        Longs dims = new Longs();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                long d = nested(in, () -> {
                    long value = -1;
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (WireFormat.getTagFieldNumber(t) == 1) value = in.readInt64();
                        else in.skipField(t);
                    }
                    return value;
                });
                dims.add(d);
            } else {
                in.skipField(tag);
            }
        }
        return dims.toArray();
    }

    static TensorProto tensor(CodedInputStream in) throws IOException {
        Longs dims = new Longs();
        int dataType = 0;
        String name = "";
        Floats floats = new Floats();
        Ints int32 = new Ints();
        Longs int64 = new Longs();
        Doubles doubles = new Doubles();
        Longs uint64 = new Longs();
        List<ByteString> strings = new ArrayList<>();
        ByteString raw = null;
        Map<String, String> external = new LinkedHashMap<>();
        boolean isExternal = false, segmented = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> dims.read(in, tag);
                case 2 -> dataType = in.readInt32();
                case 3 -> { segmented = true; in.skipField(tag); }
                case 4 -> floats.read(in, tag);
                case 5 -> int32.read(in, tag);
                case 6 -> strings.add(in.readBytes());
                case 7 -> int64.read(in, tag);
                case 8 -> name = in.readString();
                case 9 -> raw = in.readBytes();
                case 10 -> doubles.read(in, tag);
                case 11 -> uint64.read(in, tag);
                case 13 -> {
                    String[] kv = nested(in, () -> stringPair(in));
                    external.put(kv[0], kv[1]);
                }
                case 14 -> isExternal = in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        return new TensorProto(name, dims.toArray(), dataType, floats.toArray(), int32.toArray(), int64.toArray(),
                doubles.toArray(), uint64.toArray(), strings, raw, external, isExternal, segmented);
    }

    private static FunctionProto function(CodedInputStream in) throws IOException {
        String name = "", domain = "";
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>(), attrNames = new ArrayList<>();
        List<AttributeProto> attrDefaults = new ArrayList<>();
        List<NodeProto> nodes = new ArrayList<>();
        Map<String, Long> opsets = new LinkedHashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 4 -> inputs.add(in.readString());
                case 5 -> outputs.add(in.readString());
                case 6 -> attrNames.add(in.readString());
                case 7 -> nodes.add(nested(in, () -> node(in, 1)));
                case 9 -> {
                    String[] kv = nested(in, () -> opset(in));
                    opsets.put(kv[0], Long.parseLong(kv[1]));
                }
                case 10 -> domain = in.readString();
                case 11 -> attrDefaults.add(nested(in, () -> attribute(in, 1)));
                default -> in.skipField(tag);
            }
        }
        return new FunctionProto(name, domain, inputs, outputs, attrNames, attrDefaults, nodes, opsets);
    }

    // ------------------------------------------------------------------ helpers

    /** Reads a length-delimited sub-message; CodedInputStream refuses a length beyond the bytes left. */
    private static <T> T nested(CodedInputStream in, Body<T> body) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0) throw new InvalidProtocolBufferException("negative message length");
        if (length > in.getBytesUntilLimit() && in.getBytesUntilLimit() >= 0) {
            throw new InvalidProtocolBufferException("truncated: a message declares " + length + " bytes but fewer remain");
        }
        int old = in.pushLimit(length);
        T value = body.read();
        in.checkLastTagWas(0);
        in.popLimit(old);
        return value;
    }

    @FunctionalInterface
    private interface Body<T> {
        T read() throws IOException;
    }
}
