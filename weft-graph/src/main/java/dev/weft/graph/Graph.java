package dev.weft.graph;

import dev.weft.graph.ops.Binary;
import dev.weft.graph.ops.MatMulOp;
import dev.weft.graph.ops.Reduce;
import dev.weft.graph.ops.Unary;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A computation graph under construction, and afterwards the program that machines compile.
 *
 * <p>Every builder method infers the new node's type from its inputs' types at once; a rule
 * violation (mismatched shapes, wrong arity, unknown input) throws an
 * {@link IllegalArgumentException} whose message starts with the node's name. Inputs must be
 * nodes of this graph, which makes a cycle impossible: ids are a topological order.
 *
 * <p>Names are unique within a graph. Builder methods without a name argument make one from the
 * op and the node id, e.g. {@code add_4}.
 *
 * <p>Not thread-safe while being built. Once handed to a machine it must not change; machines
 * copy what they need when they are created.
 */
public final class Graph {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new HashMap<>();
    private final Map<String, Node> outputs = new LinkedHashMap<>();

    // ---------------------------------------------------------------- leaves

    /** A value fed by name at every run; {@code type} may leave dimensions unknown (-1). */
    public Node placeholder(String name, TensorType type) {
        Objects.requireNonNull(type, "type");
        return add(name, Node.Kind.PLACEHOLDER, null, List.of(), List.of(type), null);
    }

    /** A fixed tensor. */
    public Node constant(String name, Tensor value) {
        Objects.requireNonNull(value, "value of constant " + name);
        return add(name, Node.Kind.CONSTANT, null, List.of(), List.of(TensorType.of(value)), value);
    }

    /** A constant named after its id. */
    public Node constant(Tensor value) { return constant(null, value); }

    /** A tensor held by machines as state (e.g. a weight), starting at {@code initial}. */
    public Node variable(String name, Tensor initial) {
        Objects.requireNonNull(initial, "initial value of variable " + name);
        return add(name, Node.Kind.VARIABLE, null, List.of(), List.of(TensorType.of(initial)), initial);
    }

    // ---------------------------------------------------------------- ops

    /**
     * Applies a single-output op. {@code name} may be null for a generated one.
     *
     * @throws IllegalArgumentException naming the node if the op's type rule rejects the inputs
     */
    public Node apply(String name, Op op, List<Node> inputs) {
        if (op.outputCount() != 1) {
            throw new IllegalArgumentException(label(name, op) + ": " + op.name() + " has " + op.outputCount()
                    + " outputs; use applyMulti");
        }
        return add(name, Node.Kind.OP, op, nullable(inputs), inferTypes(name, op, inputs), null);
    }

    /** {@link #apply(String, Op, List)} with a generated name. */
    public Node apply(Op op, Node... inputs) { return apply(null, op, Arrays.asList(inputs)); }

    /**
     * Applies an op with any number of outputs and returns one node per output. The op node itself
     * is {@code result.get(0).source()}.
     */
    public List<Node> applyMulti(String name, Op op, List<Node> inputs) {
        List<TensorType> types = inferTypes(name, op, inputs);
        Node vertex = add(name, Node.Kind.OP, op, nullable(inputs), types, null);
        List<Node> outs = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            outs.add(add(vertex.name() + ":" + i, Node.Kind.OUTPUT, null, List.of(vertex),
                    List.of(types.get(i)), null, vertex, i));
        }
        return Collections.unmodifiableList(outs);
    }

    private static List<Node> nullable(List<Node> inputs) {
        // List.copyOf refuses nulls, and an absent optional input is a null entry.
        return Collections.unmodifiableList(new ArrayList<>(inputs));
    }

    private List<TensorType> inferTypes(String name, Op op, List<Node> inputs) {
        Objects.requireNonNull(op, "op");
        List<TensorType> inTypes = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Node in = inputs.get(i);
            if (in == null) {
                inTypes.add(null);
                continue;
            }
            if (in.graph() != this) {
                throw new IllegalArgumentException(label(name, op) + ": input " + i + " (" + in.name()
                        + ") belongs to another graph");
            }
            if (in.kind() == Node.Kind.OP && in.op().outputCount() != 1) {
                throw new IllegalArgumentException(label(name, op) + ": input " + i + " (" + in.name()
                        + ") is a multi-output op; use one of the nodes applyMulti returned");
            }
            inTypes.add(in.type());
        }
        List<TensorType> out;
        try {
            out = op.inferTypes(Collections.unmodifiableList(inTypes));
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(label(name, op) + ": " + e.getMessage(), e);
        }
        if (out == null || out.size() != op.outputCount()) {
            throw new IllegalStateException(label(name, op) + ": " + op.name() + " inferred "
                    + (out == null ? "no" : out.size()) + " output types, but declares " + op.outputCount());
        }
        return List.copyOf(out);
    }

    private String label(String name, Op op) {
        return "node " + (name != null ? "'" + name + "'" : "'" + defaultName(op.name(), nodes.size()) + "'")
                + " (" + op.name() + ")";
    }

    private static String defaultName(String kind, int id) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "_" + id;
    }

    private Node add(String name, Node.Kind kind, Op op, List<Node> inputs, List<TensorType> types, Tensor value) {
        return add(name, kind, op, inputs, types, value, null, 0);
    }

    private Node add(String name, Node.Kind kind, Op op, List<Node> inputs, List<TensorType> types, Tensor value,
                     Node source, int index) {
        int id = nodes.size();
        String n = name != null ? name : defaultName(op != null ? op.name() : kind.name(), id);
        if (n.isBlank()) throw new IllegalArgumentException("node " + id + " has a blank name");
        if (byName.containsKey(n)) {
            throw new IllegalArgumentException("node name '" + n + "' is already used by " + byName.get(n));
        }
        Node node = new Node(this, id, n, kind, op, inputs, types, value, source, index);
        nodes.add(node);
        byName.put(n, node);
        return node;
    }

    // ---------------------------------------------------------------- outputs and lookup

    /** Marks {@code node} as an output of the graph, reported by machines under its node name. */
    public Node markOutput(Node node) { return markOutput(node.name(), node); }

    /** Marks {@code node} as an output reported under {@code name}. */
    public Node markOutput(String name, Node node) {
        if (node.graph() != this) throw new IllegalArgumentException("output '" + name + "' belongs to another graph");
        if (node.kind() == Node.Kind.OP && node.op().outputCount() != 1) {
            throw new IllegalArgumentException("output '" + name + "' is a multi-output op; mark its output nodes");
        }
        if (outputs.containsKey(name)) throw new IllegalArgumentException("output name '" + name + "' is used twice");
        outputs.put(name, node);
        return node;
    }

    /** The outputs by name, in the order they were marked. */
    public Map<String, Node> outputs() { return Collections.unmodifiableMap(outputs); }

    /** All nodes in creation (= topological) order. */
    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }

    /** The node called {@code name}, or an exception naming it. */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) throw new IllegalArgumentException("the graph has no node named '" + name + "'");
        return n;
    }

    /** The placeholders, in creation order. */
    public List<Node> placeholders() {
        return nodes.stream().filter(n -> n.kind() == Node.Kind.PLACEHOLDER).toList();
    }

    /** The graph in Graphviz DOT. */
    public String toDot() { return DotWriter.write(this); }

    // ---------------------------------------------------------------- builder shorthands

    public Node add(Node a, Node b) { return apply(new Binary(BinaryOp.ADD), a, b); }

    public Node sub(Node a, Node b) { return apply(new Binary(BinaryOp.SUB), a, b); }

    public Node mul(Node a, Node b) { return apply(new Binary(BinaryOp.MUL), a, b); }

    public Node div(Node a, Node b) { return apply(new Binary(BinaryOp.DIV), a, b); }

    /** NumPy matmul. */
    public Node matmul(Node a, Node b) { return apply(new MatMulOp(), a, b); }

    public Node sigmoid(Node x) { return apply(new Unary(UnaryOp.SIGMOID), x); }

    public Node tanh(Node x) { return apply(new Unary(UnaryOp.TANH), x); }

    public Node relu(Node x) { return apply(new Unary(UnaryOp.RELU), x); }

    public Node exp(Node x) { return apply(new Unary(UnaryOp.EXP), x); }

    public Node log(Node x) { return apply(new Unary(UnaryOp.LOG), x); }

    public Node neg(Node x) { return apply(new Unary(UnaryOp.NEG), x); }

    /** Sum over {@code axes}, or over everything when none are given. */
    public Node sum(Node x, int... axes) { return apply(new Reduce(ReduceOp.SUM, axes, false), x); }

    /** Mean over {@code axes}, or over everything when none are given. */
    public Node mean(Node x, int... axes) { return apply(new Reduce(ReduceOp.MEAN, axes, false), x); }
}
