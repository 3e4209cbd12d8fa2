package dev.weft.graph.examples;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.Ballast;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The graphs of the GoMachine article: {@code f(X) = σ(W·X + b)} over 1×1 float64 matrices, the
 * same with a busy "ballast" after every op, and a wide graph of independent ballasted branches
 * that shows what running vertices concurrently can gain.
 */
public final class ArticleGraphs {
    private ArticleGraphs() {}

    /** The output name of every graph here. */
    public static final String OUTPUT = "f";

    /** {@code f = σ(W·X + b)} with placeholders W, X and b; with W = X = b = 1 it is 0.8807970779778823. */
    public static Graph sigmoidAffine() { return sigmoidAffine(0); }

    /** {@link #sigmoidAffine()} with a ballast of {@code micros} µs after each of its three ops (none when 0). */
    public static Graph sigmoidAffine(long micros) {
        Graph g = new Graph();
        Node w = g.placeholder("W", TensorType.of(DType.FLOAT64, 1, 1));
        Node x = g.placeholder("X", TensorType.of(DType.FLOAT64, 1, 1));
        Node b = g.placeholder("b", TensorType.of(DType.FLOAT64, 1, 1));
        Node wx = ballast(g, g.matmul(w, x), micros);
        Node sum = ballast(g, g.add(wx, b), micros);
        g.markOutput(OUTPUT, ballast(g, g.sigmoid(sum), micros));
        return g;
    }

    /** W = X = b = 1, the article's inputs. */
    public static Map<String, Tensor> ones() {
        return Map.of("W", one(), "X", one(), "b", one());
    }

    private static Tensor one() { return Tensor.of(new double[] {1}, 1, 1); }

    /**
     * {@code branches} independent branches {@code tanh(ballast(W·X + b))}, summed and squashed:
     * the vertices a concurrent machine can run side by side. Inputs as {@link #ones()}.
     */
    public static Graph wide(int branches, long micros) {
        if (branches < 1) throw new IllegalArgumentException("branches must be >= 1, got " + branches);
        Graph g = new Graph();
        Node w = g.placeholder("W", TensorType.of(DType.FLOAT64, 1, 1));
        Node x = g.placeholder("X", TensorType.of(DType.FLOAT64, 1, 1));
        Node b = g.placeholder("b", TensorType.of(DType.FLOAT64, 1, 1));
        List<Node> ends = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            Node affine = g.add(g.matmul(w, x), b);
            ends.add(g.tanh(g.apply("ballast_" + i, new Ballast(micros), List.of(affine))));
        }
        Node total = ends.get(0);
        for (int i = 1; i < ends.size(); i++) total = g.add(total, ends.get(i));
        g.markOutput(OUTPUT, g.sigmoid(total));
        return g;
    }

    private static Node ballast(Graph g, Node n, long micros) {
        return micros == 0 ? n : g.apply(new Ballast(micros), n);
    }
}
