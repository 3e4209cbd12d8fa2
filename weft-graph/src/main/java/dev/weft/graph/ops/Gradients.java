package dev.weft.graph.ops;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;

/** Small builders shared by the derivative rules of this package. */
final class Gradients {
    private Gradients() {}

    /** A scalar constant of {@code like}'s dtype, which broadcasts against it. */
    static Node scalar(Graph g, Node like, double value) {
        return g.constant(Tensor.scalar(like.type().dtype(), value));
    }

    /** {@code grad} summed back to {@code operand}'s shape, skipped when the shapes are known equal. */
    static Node sumTo(Graph g, Node grad, Node operand) {
        if (grad.type().isConcrete() && grad.type().equals(operand.type())) return grad;
        return g.apply(new SumTo(), grad, operand);
    }

    /** True when gradients flow into values of this dtype (floating point only). */
    static boolean differentiable(DType t) { return t.isFloating(); }

    /** The error for an op (or a mode of one) that has no derivative. */
    static IllegalArgumentException noDerivative(Node node, String what) {
        return new IllegalArgumentException("cannot differentiate through node '" + node.name() + "' ("
                + node.op().name() + "): " + what + " has no derivative");
    }
}
