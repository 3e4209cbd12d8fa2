package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * Identity that first keeps a core busy for {@code micros} microseconds: the GoMachine article's
 * "ballast", which stands in for a heavy op when studying how machines schedule vertices.
 * It spins rather than sleeps, because a sleeping op would free the core and flatter concurrency.
 */
public record Ballast(long micros) implements SimpleOp, Differentiable {
    public Ballast {
        if (micros < 0) throw new IllegalArgumentException("ballast duration must be >= 0 µs, got " + micros);
    }

    @Override
    public String name() { return "Ballast"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 1);
        return inputs.get(0);
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        long end = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return inputs.get(0);
    }

    /** An identity: the gradient passes through (without the busy work). */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) { return List.of(upstream.get(0)); }
}
