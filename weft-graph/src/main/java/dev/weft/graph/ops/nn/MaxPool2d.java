package dev.weft.graph.ops.nn;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.nn.PoolParams;
import dev.weft.tensor.nn.Pooling;
import java.util.List;

/** 2-D max pooling over square windows of {@code size} moved by {@code stride}, no padding. */
public record MaxPool2d(int size, int stride) implements SimpleOp, Differentiable {
    public MaxPool2d {
        if (size < 1 || stride < 1) throw new IllegalArgumentException("MaxPool2d needs size and stride >= 1, got " + size + ", " + stride);
    }

    PoolParams params() { return new PoolParams(new int[] {size, size}, new int[] {stride, stride}, null, null, false); }

    @Override
    public String name() { return "MaxPool"; }

    @Override
    public TensorType inferType(List<TensorType> in) {
        SimpleOp.requireArity(this, in, 1);
        TensorType x = in.get(0);
        if (x.rank() != 4) throw new IllegalArgumentException("MaxPool2d needs [N, C, H, W], got " + x);
        int h = x.dim(2) < 0 ? -1 : (x.dim(2) - size) / stride + 1;
        int w = x.dim(3) < 0 ? -1 : (x.dim(3) - size) / stride + 1;
        if (h == 0 || w == 0 || h < -1 || w < -1) throw new IllegalArgumentException("MaxPool2d window " + size + " is larger than " + x);
        return TensorType.of(x.dtype(), x.dim(0), x.dim(1), h, w);
    }

    @Override
    public Tensor compute(List<Tensor> in) { return Pooling.maxPool(in.get(0), params()); }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        return List.of(g.apply(new Grad(this), node.inputs().get(0), upstream.get(0)));
    }

    /** Routes each output's gradient to the input element that was the maximum: inputs {@code (x, dY)}. */
    record Grad(MaxPool2d pool) implements SimpleOp {
        @Override
        public String name() { return "MaxPoolGrad"; }

        @Override
        public TensorType inferType(List<TensorType> in) { return in.get(0); }

        @Override
        public Tensor compute(List<Tensor> in) {
            Tensor x = in.get(0), dy = in.get(1);
            Tensor indices = Pooling.maxPool(x, pool.params(), true, 0).indices();
            Tensor dx = Tensor.zeros(x.dtype(), x.shape());
            for (int i = 0; i < dy.size(); i++) {
                int at = (int) indices.getLong(i);
                dx.setDouble(at, dx.getDouble(at) + dy.getDouble(i));
            }
            return dx;
        }
    }
}
