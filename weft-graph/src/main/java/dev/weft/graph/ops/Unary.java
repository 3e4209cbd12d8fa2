package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.tensor.ops.CompareOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Elementwise;
import dev.weft.tensor.ops.UnaryOp;
import java.util.List;

/** An elementwise function of one floating-point tensor; the output has the input's type. */
public record Unary(UnaryOp fn) implements SimpleOp, Differentiable {
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

    /** d/dx in terms of the input x and the output y, times the upstream gradient. */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), x = node.inputs().get(0), y = node;
        Node local = switch (fn) {
            case NEG -> g.neg(up);
            case IDENTITY -> up;
            case ABS -> g.mul(up, g.apply(new Unary(UnaryOp.SIGN), x));
            case EXP -> g.mul(up, y);
            case LOG -> g.div(up, x);
            case SQRT -> g.div(g.mul(up, Gradients.scalar(g, x, 0.5)), y);
            case SIGMOID -> g.mul(up, g.mul(y, g.sub(Gradients.scalar(g, x, 1), y)));
            case TANH -> g.mul(up, g.sub(Gradients.scalar(g, x, 1), g.mul(y, y)));
            case RELU -> g.mul(up, g.apply(new Indicator(CompareOp.GREATER), x, Gradients.scalar(g, x, 0)));
            case RECIPROCAL -> g.neg(g.mul(up, g.mul(y, y)));
            case SOFTPLUS -> g.mul(up, g.sigmoid(x));
            case SIN -> g.mul(up, g.apply(new Unary(UnaryOp.COS), x));
            case COS -> g.neg(g.mul(up, g.apply(new Unary(UnaryOp.SIN), x)));
            case ERF -> g.mul(up, g.mul(Gradients.scalar(g, x, 2 / Math.sqrt(Math.PI)),
                    g.exp(g.neg(g.mul(x, x)))));
            default -> throw Gradients.noDerivative(node, fn.name());
        };
        return java.util.Collections.singletonList(local);
    }
}
