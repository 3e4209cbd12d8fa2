package dev.weft.machine;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.Op;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for execution: its vertices (every node but output projections) numbered in
 * topological order, with each input slot resolved to a (producer vertex, output port) pair and
 * each producer's out-edges listed. Both machines run from this form; it is immutable and may be
 * shared between threads.
 *
 * <p>Implementation note: graph node ids are already topological (a node can only refer to
 * earlier nodes), so compiling is a single pass; {@link #checkAcyclic} re-verifies it anyway, as
 * the guard that keeps the concurrent machine deadlock-free.
 */
final class Program {
    /** An out-edge: output {@code port} of a vertex feeds input {@code slot} of vertex {@code consumer}. */
    record Edge(int port, int consumer, int slot) {}

    final Node[] vertices;
    final int[][] inVertex;   // [vertex][slot] producer vertex, -1 for an absent optional input
    final int[][] inPort;     // [vertex][slot] producer output port
    final Edge[][] edgesOut;  // [vertex] out-edges in consumer order
    final int[] lastUse;      // [vertex] the last vertex that reads it (itself if none); outputs never freed
    final String[] outputNames;
    final int[] outVertex;
    final int[] outPort;
    final Map<String, Integer> placeholders = new LinkedHashMap<>();
    final Map<String, Integer> variables = new LinkedHashMap<>();
    private final String[] placeholderNames;
    private final int[] placeholderVertex;

    Program(Graph graph) {
        List<Node> nodes = graph.nodes();
        int[] vertexOf = new int[nodes.size()];
        List<Node> vs = new ArrayList<>();
        for (Node n : nodes) {
            if (n.isVertex()) {
                vertexOf[n.id()] = vs.size();
                vs.add(n);
            } else {
                vertexOf[n.id()] = -1;
            }
        }
        vertices = vs.toArray(Node[]::new);
        int v = vertices.length;
        inVertex = new int[v][];
        inPort = new int[v][];
        List<List<Edge>> out = new ArrayList<>(v);
        for (int i = 0; i < v; i++) out.add(new ArrayList<>());
        lastUse = new int[v];
        for (int i = 0; i < v; i++) {
            Node n = vertices[i];
            lastUse[i] = i;
            List<Node> ins = n.inputs();
            inVertex[i] = new int[ins.size()];
            inPort[i] = new int[ins.size()];
            for (int s = 0; s < ins.size(); s++) {
                Node in = ins.get(s);
                if (in == null) {
                    inVertex[i][s] = -1;
                    continue;
                }
                Node producer = in.kind() == Node.Kind.OUTPUT ? in.source() : in;
                int p = vertexOf[producer.id()];
                inVertex[i][s] = p;
                inPort[i][s] = in.index();
                out.get(p).add(new Edge(in.index(), i, s));
                lastUse[p] = Math.max(lastUse[p], i);
            }
            switch (n.kind()) {
                case PLACEHOLDER -> placeholders.put(n.name(), i);
                case VARIABLE -> variables.put(n.name(), i);
                default -> { }
            }
        }
        edgesOut = new Edge[v][];
        for (int i = 0; i < v; i++) edgesOut[i] = out.get(i).toArray(Edge[]::new);
        Map<String, Node> outs = graph.outputs();
        if (outs.isEmpty()) throw new IllegalArgumentException("the graph has no outputs; mark some with markOutput");
        outputNames = outs.keySet().toArray(String[]::new);
        outVertex = new int[outputNames.length];
        outPort = new int[outputNames.length];
        for (int k = 0; k < outputNames.length; k++) {
            Node o = outs.get(outputNames[k]);
            Node producer = o.kind() == Node.Kind.OUTPUT ? o.source() : o;
            outVertex[k] = vertexOf[producer.id()];
            outPort[k] = o.index();
            lastUse[outVertex[k]] = Integer.MAX_VALUE;
        }
        placeholderNames = placeholders.keySet().toArray(String[]::new);
        placeholderVertex = placeholders.values().stream().mapToInt(Integer::intValue).toArray();
        checkAcyclic();
    }

    int size() { return vertices.length; }

    private void checkAcyclic() {
        for (int i = 0; i < vertices.length; i++) {
            for (int p : inVertex[i]) {
                if (p >= i) {
                    throw new IllegalArgumentException("node '" + vertices[i].name() + "' is on a cycle: it reads '"
                            + vertices[p].name() + "', which does not come before it");
                }
            }
        }
    }

    /**
     * Checks the run's inputs against the placeholders and stores them, indexed by vertex, in
     * {@code fed} (an array of {@link #size()}, reused across runs: only placeholder slots are written).
     *
     * @throws IllegalArgumentException naming the first missing, unknown or ill-typed input
     */
    Tensor[] bind(Map<String, Tensor> inputs, Tensor[] fed) {
        for (int k = 0; k < placeholderNames.length; k++) {
            String name = placeholderNames[k];
            Node node = vertices[placeholderVertex[k]];
            Tensor t = inputs.get(name);
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + name + "': expected " + node.type());
            }
            if (!node.type().accepts(t)) {
                throw new IllegalArgumentException("input '" + name + "' is " + t.dtype() + t.shape()
                        + " but the graph expects " + node.type());
            }
            fed[placeholderVertex[k]] = t;
        }
        if (inputs.size() > placeholders.size()) {
            for (String name : inputs.keySet()) {
                if (!placeholders.containsKey(name)) {
                    throw new IllegalArgumentException("unknown input '" + name + "'; the graph's inputs are "
                            + placeholders.keySet());
                }
            }
        }
        return fed;
    }

    /**
     * Fresh copies of the variables' initial values, indexed by vertex. Copies, because a machine's
     * variables may be updated in place (by optimizers) and the graph's values must stay initial.
     */
    Tensor[] initialVariables() {
        Tensor[] vars = new Tensor[vertices.length];
        for (int i : variables.values()) vars[i] = vertices[i].value().copy();
        return vars;
    }

    /** Looks up a variable's vertex, or says which variables exist. */
    int variableIndex(String name) {
        Integer i = variables.get(name);
        if (i == null) throw new IllegalArgumentException("no variable named '" + name + "'; variables are " + variables.keySet());
        return i;
    }

    /** Checks that a new value keeps a variable's type. */
    void checkVariable(int v, Tensor value) {
        Node n = vertices[v];
        if (!n.type().accepts(value)) {
            throw new IllegalArgumentException("variable '" + n.name() + "' is " + n.type() + "; cannot set it to "
                    + value.dtype() + value.shape());
        }
    }

    /**
     * Computes vertex {@code v} into its frame: a leaf's value, or the op applied to the frame's
     * inputs, with the outputs checked against the types inferred at build time. Returns the
     * frame's output array, which the next run of the vertex overwrites.
     *
     * @throws MachineException naming the node and op if the op fails or breaks its type promise
     */
    Tensor[] execute(int v, Frames frames, Tensor[] fed, Tensor[] vars) {
        Node n = vertices[v];
        Tensor[] out = frames.out[v];
        switch (n.kind()) {
            case CONSTANT -> out[0] = n.value();
            case VARIABLE -> out[0] = vars[v];
            case PLACEHOLDER -> out[0] = fed[v];
            case OP -> applyOp(n, frames.inList[v], out);
            case OUTPUT -> throw new AssertionError("output projections are not vertices");
        }
        return out;
    }

    private static void applyOp(Node n, List<Tensor> in, Tensor[] out) {
        Op op = n.op();
        List<Tensor> multi = null;
        try {
            if (op instanceof SimpleOp simple) {
                if (out.length == 1) out[0] = simple.compute(in);
                else multi = List.of(simple.compute(in));
            } else {
                multi = op.apply(in);
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) throw vme;
            throw new MachineException(n.name(), "node '" + n.name() + "' (" + op.name() + ") failed: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
        List<TensorType> types = n.types();
        if (multi != null) {
            if (multi.size() != out.length) {
                throw new MachineException(n.name(), "node '" + n.name() + "' (" + op.name() + ") returned "
                        + multi.size() + " outputs but declares " + types.size(), null);
            }
            for (int i = 0; i < out.length; i++) out[i] = multi.get(i);
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || !types.get(i).accepts(out[i])) {
                throw new MachineException(n.name(), "node '" + n.name() + "' (" + op.name() + ") returned "
                        + (out[i] == null ? "null" : out[i].dtype() + "" + out[i].shape()) + " for output " + i
                        + " but its type is " + types.get(i), null);
            }
        }
    }

    /** Collects the graph outputs from per-vertex values. */
    Map<String, Tensor> outputs(Tensor[][] values) {
        Map<String, Tensor> result = LinkedHashMap.newLinkedHashMap(outputNames.length);
        for (int k = 0; k < outputNames.length; k++) result.put(outputNames[k], values[outVertex[k]][outPort[k]]);
        return result;
    }

    /** The op name or kind shown for a vertex in traces. */
    String label(int v) {
        Node n = vertices[v];
        return n.kind() == Node.Kind.OP ? n.op().name() : n.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

}
