package dev.weft.onnx.ops;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.io.TensorProtos;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.GraphProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What an {@link OpFactory} sees of a node: its attributes (typed accessors with defaults), its
 * input and output counts, the opset version it is resolved against, and a compiler for its
 * subgraph attributes. Errors name the node.
 */
public final class OpContext {
    private final NodeProto node;
    private final int opset;
    private final Path baseDir;
    private final SubgraphCompiler subgraphs;
    private final java.util.List<String> outerNames = new java.util.ArrayList<>();

    /** Compiles a graph attribute (an If branch, a Loop or Scan body) into something runnable. */
    @FunctionalInterface
    public interface SubgraphCompiler {
        Subgraph compile(GraphProto graph, String where);
    }

    public OpContext(NodeProto node, int opset, Path baseDir, SubgraphCompiler subgraphs) {
        this.node = node;
        this.opset = opset;
        this.baseDir = baseDir;
        this.subgraphs = subgraphs;
    }

    public NodeProto node() { return node; }

    /** The opset version of the node's domain that the model imports. */
    public int opset() { return opset; }

    /** Number of inputs the node lists, absent optional ones included. */
    public int inputCount() { return node.inputs().size(); }

    /** True when input {@code i} is listed and not empty. */
    public boolean hasInput(int i) { return i < node.inputs().size() && !node.inputs().get(i).isEmpty(); }

    /** Number of outputs the node lists. */
    public int outputCount() { return node.outputs().size(); }

    /** An op of this node's type with one kernel and dtype rule. */
    public OnnxOp op(Kernel kernel, DTypeRule rule) { return new OnnxOp(node.opType(), outputCount(), kernel, rule); }

    /** An op whose outputs have the dtype of its first input. */
    public OnnxOp op(Kernel kernel) { return op(kernel, DTypeRule.SAME); }

    public boolean has(String name) { return node.attribute(name) != null; }

    public long attrInt(String name, long dflt) {
        AttributeProto a = node.attribute(name);
        return a == null ? dflt : a.i();
    }

    public int attrIntExact(String name, int dflt) {
        long v = attrInt(name, dflt);
        if (v != (int) v) throw bad("attribute " + name + " = " + v + " is out of range");
        return (int) v;
    }

    public float attrFloat(String name, float dflt) {
        AttributeProto a = node.attribute(name);
        return a == null ? dflt : a.f();
    }

    public String attrString(String name, String dflt) {
        AttributeProto a = node.attribute(name);
        return a == null ? dflt : a.s().toString(StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or null when absent. */
    public long[] attrInts(String name) {
        AttributeProto a = node.attribute(name);
        return a == null ? null : a.ints();
    }

    /** An INTS attribute as ints, or {@code dflt} when absent. */
    public int[] attrIntArray(String name, int[] dflt) {
        long[] v = attrInts(name);
        if (v == null) return dflt;
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
        return out;
    }

    /** A FLOATS attribute, or null when absent. */
    public float[] attrFloats(String name) {
        AttributeProto a = node.attribute(name);
        return a == null ? null : a.floats();
    }

    /** A TENSOR attribute decoded, or null when absent. */
    public Tensor attrTensor(String name) {
        AttributeProto a = node.attribute(name);
        if (a == null) return null;
        if (a.t() == null) throw bad("attribute " + name + " holds no tensor");
        return TensorProtos.decode(a.t(), baseDir, "node " + node.label() + " attribute " + name);
    }

    /** The compiled GRAPH attribute {@code name}; required. */
    public Subgraph subgraph(String name) {
        AttributeProto a = node.attribute(name);
        if (a == null || a.g() == null) throw bad("needs graph attribute " + name);
        Subgraph g = subgraphs.compile(a.g(), "node " + node.label() + " attribute " + name);
        for (String n : g.outerNames()) if (!outerNames.contains(n)) outerNames.add(n);
        return g;
    }

    /**
     * Values from enclosing scopes that this node's subgraphs read, in the order the node receives
     * them as extra inputs after its own {@link #inputCount()} inputs. Complete once the factory has
     * compiled all subgraphs; kernels keep the list and read it at run time.
     */
    public java.util.List<String> outerNames() { return java.util.Collections.unmodifiableList(outerNames); }

    /** An error naming this node. */
    public OnnxFormatException bad(String what) {
        return new OnnxFormatException(node.opType() + " node " + node.label() + ": " + what);
    }

    /** A refusal naming this node and op. */
    public UnsupportedOnnxException unsupported(String what) {
        return new UnsupportedOnnxException("unsupported: " + node.opType() + " (node " + node.label() + "): " + what);
    }
}
