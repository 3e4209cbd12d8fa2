package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.Softmax;
import java.util.List;

/** Softmax along {@code axis}: exp(x) / sum(exp(x)), computed stably. */
public record SoftmaxOp(int axis) implements SimpleOp, Differentiable {
    @Override
    public String name() { return "Softmax"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 1);
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("Softmax needs a floating-point input, got " + x);
        if (x.hasRank()) x.dim(axis);
        return x;
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return Softmax.softmax(inputs.get(0), axis); }

    /** dx = y * (dy - sum(dy * y, axis)). */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), y = node;
        Node dot = g.apply(new Reduce(ReduceOp.SUM, new int[] {axis}, true), g.mul(up, y));
        return List.of(g.mul(y, g.sub(up, dot)));
    }
}
