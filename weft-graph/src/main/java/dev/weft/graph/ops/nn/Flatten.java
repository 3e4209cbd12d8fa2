package dev.weft.graph.ops.nn;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.List;

/** [N, d1, d2, ...] to [N, d1*d2*...]: a view, with the reshape back as its gradient. */
public record Flatten() implements SimpleOp, Differentiable {
    @Override
    public String name() { return "Flatten"; }

    @Override
    public TensorType inferType(List<TensorType> in) {
        SimpleOp.requireArity(this, in, 1);
        TensorType x = in.get(0);
        if (x.rank() < 1) throw new IllegalArgumentException("Flatten needs rank >= 1, got " + x);
        int rest = 1;
        for (int i = 1; i < x.rank(); i++) rest = x.dim(i) < 0 || rest < 0 ? -1 : rest * x.dim(i);
        return TensorType.of(x.dtype(), x.dim(0), rest);
    }

    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor x = in.get(0);
        int n = x.shape().dim(0);
        return x.reshape(n, n == 0 ? 0 : x.size() / n);
    }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        return List.of(g.apply(new ReshapeLike(), upstream.get(0), node.inputs().get(0)));
    }

    /** Reshapes its first input to the shape of its second: inputs {@code (value, like)}. */
    record ReshapeLike() implements SimpleOp {
        @Override
        public String name() { return "ReshapeLike"; }

        @Override
        public TensorType inferType(List<TensorType> in) { return new TensorType(in.get(0).dtype(), in.get(1).dims()); }

        @Override
        public Tensor compute(List<Tensor> in) { return in.get(0).reshape(in.get(1).shape()); }
    }
}
