package dev.weft.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.Reduce;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.ReduceOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Both machines give bit-identical results on hundreds of random DAGs: random fan-in and fan-out,
 * repeated inputs, broadcasting, reductions, matmuls, several outputs, and more than one run per
 * machine (new inputs each time).
 */
class RandomDagProperties {

    private static final int ROWS = 3, COLS = 4;

    @Property(tries = 300)
    void sequentialAndConcurrentMachinesAgree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int ops) {
        Random rnd = new Random(seed);
        Graph g = randomDag(rnd, ops);
        List<Map<String, Tensor>> feeds = List.of(feed(g, rnd), feed(g, rnd));
        try (Machine seq = new SequentialMachine(g);
             Machine conc = new ConcurrentMachine(g);
             Machine adaptive = new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE, 2_000)) {
            // Let the adaptive machine calibrate and partition, so the comparisons below use its plan.
            for (int k = 0; k < ConcurrentMachine.CALIBRATION_RUNS; k++) adaptive.run(feeds.get(0));
            for (Map<String, Tensor> in : feeds) {
                Map<String, Tensor> expected = seq.run(in);
                for (Machine other : List.of(conc, adaptive, adaptive)) {
                    Map<String, Tensor> actual = other.run(in);
                    assertEquals(expected.keySet(), actual.keySet());
                    for (String name : expected.keySet()) {
                        assertEquals(expected.get(name).shape(), actual.get(name).shape(), name);
                        assertArrayEquals(expected.get(name).toDoubleArray(), actual.get(name).toDoubleArray(),
                                "output " + name + " of seed " + seed);
                    }
                }
            }
        }
    }

    /** A DAG over [3, 4] float64 values: each op reads random earlier nodes, so fan-out and reuse occur. */
    static Graph randomDag(Random rnd, int ops) {
        Graph g = new Graph();
        List<Node> pool = new ArrayList<>();
        int placeholders = 1 + rnd.nextInt(3);
        for (int i = 0; i < placeholders; i++) pool.add(g.placeholder("in" + i, TensorType.of(DType.FLOAT64, ROWS, COLS)));
        pool.add(g.constant("row", randomTensor(rnd, COLS)));
        pool.add(g.constant("square", randomTensor(rnd, COLS, COLS)));
        List<Node> matrices = new ArrayList<>(pool.subList(0, placeholders));
        Node square = pool.get(pool.size() - 1);
        Node row = pool.get(pool.size() - 2);
        matrices.add(row); // broadcasts against [3, 4]
        for (int i = 0; i < ops; i++) {
            Node a = pick(rnd, matrices), b = pick(rnd, matrices);
            Node n = switch (rnd.nextInt(10)) {
                case 0 -> g.add(a, b);
                case 1 -> g.sub(a, a); // the same node on both positional inputs
                case 2 -> g.mul(a, b);
                case 3 -> g.tanh(a);
                case 4 -> g.sigmoid(a);
                case 5 -> g.relu(g.neg(a));
                case 6 -> a.type().rank() == 2 && a.type().dim(-1) == COLS ? g.matmul(a, square) : g.add(a, b);
                case 7 -> a.type().rank() > 0 ? g.add(a, g.apply(new Reduce(ReduceOp.SUM, new int[] {-1}, true), a)) : g.add(a, b);
                case 8 -> g.mul(a, g.apply(new Reduce(ReduceOp.MEAN, new int[0], true), b));
                default -> g.add(a, b).type().rank() > 0 ? g.apply(new Reduce(ReduceOp.MAX, new int[] {0}, false), g.add(a, b)) : g.neg(a);
            };
            matrices.add(n);
        }
        // Every node nobody reads becomes an output, plus one random earlier node.
        java.util.Set<Node> read = new java.util.HashSet<>();
        for (Node n : g.nodes()) read.addAll(n.inputs());
        for (Node n : g.nodes()) {
            if (n.kind() == Node.Kind.OP && !read.contains(n)) g.markOutput(n);
        }
        Node extra = pick(rnd, matrices);
        if (!g.outputs().containsValue(extra)) g.markOutput("extra", extra);
        return g;
    }

    private static Node pick(Random rnd, List<Node> nodes) {
        // Prefer recent nodes, so graphs grow deep as well as wide.
        int n = nodes.size();
        return rnd.nextBoolean() ? nodes.get(n - 1 - rnd.nextInt(Math.min(n, 4))) : nodes.get(rnd.nextInt(n));
    }

    private static Map<String, Tensor> feed(Graph g, Random rnd) {
        Map<String, Tensor> in = new HashMap<>();
        for (Node p : g.placeholders()) in.put(p.name(), randomTensor(rnd, ROWS, COLS));
        return in;
    }

    private static Tensor randomTensor(Random rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.FLOAT64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) t.setDouble(i, rnd.nextGaussian());
        return t;
    }
}
