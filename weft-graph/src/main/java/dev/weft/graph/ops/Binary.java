package dev.weft.graph.ops;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.Elementwise;
import java.util.List;

/**
 * An elementwise function of two tensors of one dtype, broadcast NumPy style. Unknown dimensions
 * stay unknown unless the other side fixes them.
 */
public record Binary(BinaryOp fn) implements SimpleOp {
    @Override
    public String name() { return Names.camel(fn.name()); }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        TensorType a = inputs.get(0), b = inputs.get(1);
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name() + " operands have different dtypes: " + a + " and " + b);
        }
        return new TensorType(a.dtype(), Broadcast.dims(a, b));
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return Elementwise.binary(fn, inputs.get(0), inputs.get(1)); }
}
