package dev.weft.graph.ops.nn;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.List;

/** [N, d1*d2*...] to [N, d1, d2, ...] with the given {@code dims}: e.g. pixel rows to images. */
public record Unflatten(int[] dims) implements SimpleOp, Differentiable {
    public Unflatten {
        dims = dims.clone();
    }

    @Override
    public int[] dims() { return dims.clone(); }

    private int product() {
        int p = 1;
        for (int d : dims) p *= d;
        return p;
    }

    @Override
    public String name() { return "Unflatten"; }

    @Override
    public TensorType inferType(List<TensorType> in) {
        SimpleOp.requireArity(this, in, 1);
        TensorType x = in.get(0);
        if (x.rank() != 2 || (x.dim(1) >= 0 && x.dim(1) != product())) {
            throw new IllegalArgumentException("Unflatten to " + java.util.Arrays.toString(dims) + " needs [N, " + product() + "], got " + x);
        }
        int[] out = new int[dims.length + 1];
        out[0] = x.dim(0);
        System.arraycopy(dims, 0, out, 1, dims.length);
        return new TensorType(x.dtype(), out);
    }

    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor x = in.get(0);
        int[] out = new int[dims.length + 1];
        out[0] = x.shape().dim(0);
        System.arraycopy(dims, 0, out, 1, dims.length);
        return x.reshape(out);
    }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        return List.of(g.apply(new Flatten.ReshapeLike(), upstream.get(0), node.inputs().get(0)));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Unflatten u && java.util.Arrays.equals(u.dims, dims); }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(dims); }
}
