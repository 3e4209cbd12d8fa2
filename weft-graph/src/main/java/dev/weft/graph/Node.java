package dev.weft.graph;

import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * One node of a {@link Graph}: a value (constant, variable, placeholder), an op applied to earlier
 * nodes, or one output of a multi-output op.
 *
 * <p>Nodes are immutable and created only by their graph. {@link #id()} is the node's position
 * in creation order, which is a topological order. Identity is object identity.
 */
public final class Node {
    /** What a node is. */
    public enum Kind {
        /** A fixed tensor baked into the graph. */
        CONSTANT,
        /** A tensor that machines hold as state (weights); it has an initial value. */
        VARIABLE,
        /** A tensor fed by name at every run. */
        PLACEHOLDER,
        /** An op applied to input nodes; its value is the op's output (or outputs, see {@link #OUTPUT}). */
        OP,
        /** Output {@link #index()} of the multi-output op node {@link #source()}; not a vertex of its own. */
        OUTPUT
    }

    private final Graph graph;
    private final int id;
    private final String name;
    private final Kind kind;
    private final Op op;
    private final List<Node> inputs;
    private final List<TensorType> types;
    private final Tensor value;
    private final Node source;
    private final int index;

    Node(Graph graph, int id, String name, Kind kind, Op op, List<Node> inputs, List<TensorType> types,
         Tensor value, Node source, int index) {
        this.graph = graph;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.op = op;
        this.inputs = inputs;
        this.types = types;
        this.value = value;
        this.source = source;
        this.index = index;
    }

    public Graph graph() { return graph; }

    public int id() { return id; }

    public String name() { return name; }

    public Kind kind() { return kind; }

    /** The op of an {@link Kind#OP} node, else null. */
    public Op op() { return op; }

    /** The input nodes of an op node (an entry is null for an absent optional input); empty otherwise. */
    public List<Node> inputs() { return inputs; }

    /** The value's type; for a multi-output op node, the type of output 0. */
    public TensorType type() { return types.get(0); }

    /** The types of every output (one, except for multi-output op nodes). */
    public List<TensorType> types() { return types; }

    /** The value of a constant, or the initial value of a variable; null otherwise. */
    public Tensor value() { return value; }

    /** For an {@link Kind#OUTPUT} node, the multi-output op node it projects; else null. */
    public Node source() { return source; }

    /** For an {@link Kind#OUTPUT} node, which output of {@link #source()} it is; else 0. */
    public int index() { return index; }

    /** True for nodes that machines execute or feed: everything but {@link Kind#OUTPUT} projections. */
    public boolean isVertex() { return kind != Kind.OUTPUT; }

    /** {@code name: Op -> float32[2, 3]}. */
    @Override
    public String toString() {
        String what = switch (kind) {
            case OP -> op.name();
            case OUTPUT -> source.name() + "#" + index;
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
        return name + ": " + what + " -> " + types.get(0);
    }
}
