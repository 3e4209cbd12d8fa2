package dev.weft.train.model;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.SoftmaxCrossEntropy;
import dev.weft.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A multi-layer perceptron: dense layers with ReLU between them, then softmax cross-entropy. */
public final class Mlp {
    private Mlp() {}

    /**
     * {@code inputs -> hidden[0] -> ... -> classes}, weights initialised from {@code seed}. The
     * batch dimension is left unknown, so one graph serves any batch size.
     */
    public static Model build(int inputs, int[] hidden, int classes, long seed) {
        if (inputs < 1 || classes < 2) throw new IllegalArgumentException("an MLP needs >= 1 input and >= 2 classes");
        Random rnd = new Random(seed);
        Graph g = new Graph();
        Node x = g.placeholder("features", new TensorType(DType.FLOAT32, new int[] {-1, inputs}));
        Node y = g.placeholder("labels", new TensorType(DType.INT64, new int[] {-1}));
        List<Node> params = new ArrayList<>();
        Node h = x;
        int width = inputs;
        int[] sizes = java.util.Arrays.copyOf(hidden, hidden.length + 1);
        sizes[hidden.length] = classes;
        for (int layer = 0; layer < sizes.length; layer++) {
            int out = sizes[layer];
            if (out < 1) throw new IllegalArgumentException("layer " + layer + " has " + out + " units");
            Node w = g.variable("fc" + layer + ".weight", Init.uniform(rnd, width, width, out));
            Node b = g.variable("fc" + layer + ".bias", Init.uniform(rnd, width, out));
            params.add(w);
            params.add(b);
            h = g.add(g.matmul(h, w), b);
            if (layer < sizes.length - 1) h = g.relu(h);
            width = out;
        }
        Node loss = g.apply("loss", new SoftmaxCrossEntropy(), List.of(h, y));
        return new Model("mlp", g, x, y, h, loss, params);
    }
}
