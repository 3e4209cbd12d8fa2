package dev.weft.graph.ops;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Compare;
import dev.weft.tensor.ops.CompareOp;
import java.util.List;

/**
 * 1 where {@code a cmp b} holds and 0 elsewhere, in {@code a}'s floating dtype and the broadcast
 * shape: the masks that the gradients of relu, max and min multiply by.
 */
public record Indicator(CompareOp cmp) implements SimpleOp {
    @Override
    public String name() { return "Indicator"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        return new TensorType(inputs.get(0).dtype(), Broadcast.dims(inputs.get(0), inputs.get(1)));
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        return Compare.apply(cmp, a, inputs.get(1)).castTo(a.dtype());
    }
}
