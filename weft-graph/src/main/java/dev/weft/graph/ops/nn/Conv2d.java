package dev.weft.graph.ops.nn;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.Reduce;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import dev.weft.tensor.ops.ReduceOp;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every framework): inputs {@code x} [N, C, H, W],
 * {@code w} [M, C, K, K] and {@code b} [M]; square kernel, the same {@code stride} and zero
 * {@code pad} on both axes, one group.
 */
public record Conv2d(int stride, int pad) implements SimpleOp, Differentiable {
    public Conv2d {
        if (stride < 1 || pad < 0) throw new IllegalArgumentException("Conv2d needs stride >= 1 and pad >= 0, got " + stride + ", " + pad);
    }

    @Override
    public String name() { return "Conv"; }

    /** Output size of one spatial axis. */
    int out(int in, int k) { return (in + 2 * pad - k) / stride + 1; }

    @Override
    public TensorType inferType(List<TensorType> in) {
        SimpleOp.requireArity(this, in, 3);
        TensorType x = in.get(0), w = in.get(1), b = in.get(2);
        if (x.rank() != 4 || w.rank() != 4 || b.rank() != 1) {
            throw new IllegalArgumentException("Conv2d needs x [N, C, H, W], w [M, C, K, K], b [M]; got " + x + ", " + w + ", " + b);
        }
        if (x.dtype() != w.dtype() || w.dtype() != b.dtype() || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("Conv2d operands need one floating dtype: " + x + ", " + w + ", " + b);
        }
        if (x.dim(1) >= 0 && x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("Conv2d input has " + x.dim(1) + " channels, weights expect " + w.dim(1) + ": " + x + ", " + w);
        }
        if (w.dim(0) != b.dim(0)) throw new IllegalArgumentException("Conv2d bias " + b + " does not match weights " + w);
        int k = w.dim(2);
        if (w.dim(3) != k) throw new IllegalArgumentException("Conv2d needs a square kernel, got " + w);
        int h = x.dim(2) < 0 ? -1 : out(x.dim(2), k), wd = x.dim(3) < 0 ? -1 : out(x.dim(3), k);
        if (h == 0 || wd == 0 || (h < -1) || (wd < -1)) throw new IllegalArgumentException("Conv2d kernel " + w + " is larger than the padded input " + x);
        return TensorType.of(x.dtype(), x.dim(0), w.dim(0), h, wd);
    }

    @Override
    public Tensor compute(List<Tensor> in) {
        return Convolution.conv(in.get(0), in.get(1), in.get(2),
                ConvParams.defaults().withStrides(stride, stride).withPads(pad, pad, pad, pad));
    }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), x = node.inputs().get(0), w = node.inputs().get(1);
        Node dx = g.apply(new ConvGrad(stride, pad, true), up, x, w);
        Node dw = g.apply(new ConvGrad(stride, pad, false), up, x, w);
        Node db = g.apply(new Reduce(ReduceOp.SUM, new int[] {0, 2, 3}, false), up);
        return Arrays.asList(dx, dw, db);
    }
}
