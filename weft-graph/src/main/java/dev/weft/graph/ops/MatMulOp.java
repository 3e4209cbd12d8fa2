package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.MatMul;
import java.util.Arrays;
import java.util.List;

/** NumPy {@code matmul}: products over the last two axes, leading axes broadcast. */
public record MatMulOp() implements SimpleOp, Differentiable {
    @Override
    public String name() { return "MatMul"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        TensorType a = inputs.get(0), b = inputs.get(1);
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("MatMul operands have different dtypes: " + a + " and " + b);
        }
        if (!a.hasRank() || !b.hasRank()) return TensorType.unknownRank(a.dtype());
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("MatMul needs operands of rank >= 1, got " + a + " and " + b);
        }
        int k = a.dim(-1), kb = b.rank() == 1 ? b.dim(0) : b.dim(-2);
        if (k >= 0 && kb >= 0 && k != kb) {
            throw new IllegalArgumentException("MatMul of " + a + " and " + b + ": inner dimensions " + k + " and "
                    + kb + " differ");
        }
        int[] batchA = a.rank() > 2 ? Arrays.copyOf(a.dims(), a.rank() - 2) : new int[0];
        int[] batchB = b.rank() > 2 ? Arrays.copyOf(b.dims(), b.rank() - 2) : new int[0];
        int[] batch = Broadcast.dims(new TensorType(a.dtype(), batchA), new TensorType(b.dtype(), batchB));
        int[] dims = Arrays.copyOf(batch, batch.length + (a.rank() > 1 ? 1 : 0) + (b.rank() > 1 ? 1 : 0));
        int at = batch.length;
        if (a.rank() > 1) dims[at++] = a.dim(-2);
        if (b.rank() > 1) dims[at] = b.dim(-1);
        return new TensorType(a.dtype(), dims);
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return MatMul.matmul(inputs.get(0), inputs.get(1)); }

    /** dA = dY·Bᵀ and dB = Aᵀ·dY, summed back over broadcast batch axes. */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), a = node.inputs().get(0), b = node.inputs().get(1);
        if (a.type().rank() < 2 || b.type().rank() < 2) {
            throw new IllegalArgumentException("cannot differentiate through node '" + node.name()
                    + "' (MatMul): operands of rank 1 are not supported; reshape them to matrices");
        }
        Node ga = g.matmul(up, g.apply(Transpose.lastTwo(), b));
        Node gb = g.matmul(g.apply(Transpose.lastTwo(), a), up);
        return List.of(Gradients.sumTo(g, ga, a), Gradients.sumTo(g, gb, b));
    }
}
