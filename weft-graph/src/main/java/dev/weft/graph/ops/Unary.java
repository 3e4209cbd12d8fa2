package dev.weft.graph.ops;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Elementwise;
import dev.weft.tensor.ops.UnaryOp;
import java.util.List;

/** An elementwise function of one floating-point tensor; the output has the input's type. */
public record Unary(UnaryOp fn) implements SimpleOp {
    @Override
    public String name() { return Names.camel(fn.name()); }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 1);
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(name() + " needs a floating-point input, got " + x);
        }
        return x;
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return Elementwise.unary(fn, inputs.get(0)); }
}
