package dev.weft.graph.ops;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * The backward of a reduction: inputs {@code (gradient, like)} where the gradient has the reduced
 * shape; the output repeats it over the reduced axes to {@code like}'s shape. {@code axes} and
 * {@code keepDims} are the reduction's (empty axes: all); with {@code mean} the result is divided
 * by the number of elements each output reduced (the backward of a mean).
 */
public record ExpandBack(int[] axes, boolean keepDims, boolean mean) implements SimpleOp {
    public ExpandBack {
        axes = axes.clone();
    }

    @Override
    public String name() { return "ExpandBack"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        return new TensorType(inputs.get(0).dtype(), inputs.get(1).dims());
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        Tensor g = inputs.get(0);
        Shape target = inputs.get(1).shape();
        Shape kept = dev.weft.tensor.ops.Reductions.reducedShape(target, axes, true);
        Tensor out = g.reshape(kept).expand(target).contiguous();
        if (!mean || target.size() == 0) return out;
        double count = (double) target.size() / kept.size();
        return dev.weft.tensor.ops.Binary.div(out, Tensor.scalar(out.dtype(), count));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpandBack e && e.keepDims == keepDims && e.mean == mean && java.util.Arrays.equals(e.axes, axes);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(axes) * 4 + (keepDims ? 2 : 0) + (mean ? 1 : 0); }
}
