package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.tensor.ops.CompareOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.Elementwise;
import java.util.List;

/**
 * An elementwise function of two tensors of one dtype, broadcast NumPy style. Unknown dimensions
 * stay unknown unless the other side fixes them.
 */
public record Binary(BinaryOp fn) implements SimpleOp, Differentiable {
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

    /** Each operand's partial derivative times the upstream gradient, summed back over broadcast axes. */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), a = node.inputs().get(0), b = node.inputs().get(1), y = node;
        Node ga, gb;
        switch (fn) {
            case ADD -> { ga = up; gb = up; }
            case SUB -> { ga = up; gb = g.neg(up); }
            case MUL -> { ga = g.mul(up, b); gb = g.mul(up, a); }
            case DIV -> { ga = g.div(up, b); gb = g.neg(g.div(g.mul(up, y), b)); }
            case POW -> {
                ga = g.mul(up, g.mul(b, g.apply(new Binary(BinaryOp.POW), a, g.sub(b, Gradients.scalar(g, b, 1)))));
                gb = g.mul(up, g.mul(y, g.log(a)));
            }
            // Ties send the gradient to the first operand, as PyTorch's max does for equal inputs.
            case MAX -> {
                ga = g.mul(up, g.apply(new Indicator(CompareOp.GREATER_OR_EQUAL), a, b));
                gb = g.mul(up, g.apply(new Indicator(CompareOp.LESS), a, b));
            }
            case MIN -> {
                ga = g.mul(up, g.apply(new Indicator(CompareOp.LESS_OR_EQUAL), a, b));
                gb = g.mul(up, g.apply(new Indicator(CompareOp.GREATER), a, b));
            }
            default -> throw Gradients.noDerivative(node, fn.name());
        }
        return java.util.Arrays.asList(Gradients.sumTo(g, ga, a), Gradients.sumTo(g, gb, b));
    }
}
