package dev.weft.graph.ops;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Reductions;
import java.util.List;

/**
 * Sums a broadcast gradient back to the shape of the operand it was broadcast from: inputs are
 * {@code (gradient, like)}, the output has {@code like}'s shape and the gradient's dtype. Only the
 * shape of {@code like} is read, at run time, so unknown dimensions are fine.
 */
public record SumTo() implements SimpleOp {
    @Override
    public String name() { return "SumTo"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        return new TensorType(inputs.get(0).dtype(), inputs.get(1).dims());
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return sumTo(inputs.get(0), inputs.get(1).shape()); }

    /** Sums {@code g} over the axes that broadcasting {@code target} to g's shape added or stretched. */
    public static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) return g;
        int lead = g.rank() - target.rank();
        int[] axes = new int[g.rank()];
        int n = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && g.shape().dim(i) != 1)) axes[n++] = i;
        }
        Tensor summed = Reductions.reduce(dev.weft.tensor.ops.ReduceOp.SUM, g, java.util.Arrays.copyOf(axes, n), true);
        return summed.reshape(target);
    }
}
