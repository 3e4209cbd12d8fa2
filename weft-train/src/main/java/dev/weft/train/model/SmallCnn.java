package dev.weft.train.model;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.SoftmaxCrossEntropy;
import dev.weft.graph.ops.nn.Conv2d;
import dev.weft.graph.ops.nn.Flatten;
import dev.weft.graph.ops.nn.MaxPool2d;
import dev.weft.graph.ops.nn.Unflatten;
import dev.weft.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small convolutional network for square one-channel images given as flat pixel rows:
 * conv 3×3 (16) → relu → maxpool 2 → conv 3×3 (32) → relu → maxpool 2 → dense.
 */
public final class SmallCnn {
    private SmallCnn() {}

    /** For {@code side}×{@code side} images (side divisible by 4) and {@code classes} classes. */
    public static Model build(int side, int classes, long seed) {
        if (side < 4 || side % 4 != 0) throw new IllegalArgumentException("image side must be a multiple of 4, got " + side);
        Random rnd = new Random(seed);
        Graph g = new Graph();
        Node x = g.placeholder("features", new TensorType(DType.FLOAT32, new int[] {-1, side * side}));
        Node y = g.placeholder("labels", new TensorType(DType.INT64, new int[] {-1}));
        List<Node> params = new ArrayList<>();
        Node h = g.apply(new Unflatten(new int[] {1, side, side}), x);
        int channels = 1;
        int[] widths = {16, 32};
        for (int i = 0; i < widths.length; i++) {
            int fanIn = channels * 9;
            Node w = g.variable("conv" + i + ".weight", Init.uniform(rnd, fanIn, widths[i], channels, 3, 3));
            Node b = g.variable("conv" + i + ".bias", Init.uniform(rnd, fanIn, widths[i]));
            params.add(w);
            params.add(b);
            h = g.apply(new MaxPool2d(2, 2), g.relu(g.apply(null, new Conv2d(1, 1), List.of(h, w, b))));
            channels = widths[i];
        }
        h = g.apply(new Flatten(), h);
        int flat = channels * (side / 4) * (side / 4);
        Node w = g.variable("fc.weight", Init.uniform(rnd, flat, flat, classes));
        Node b = g.variable("fc.bias", Init.uniform(rnd, flat, classes));
        params.add(w);
        params.add(b);
        Node logits = g.add(g.matmul(h, w), b);
        Node loss = g.apply("loss", new SoftmaxCrossEntropy(), List.of(logits, y));
        return new Model("cnn", g, x, y, logits, loss, params);
    }
}
