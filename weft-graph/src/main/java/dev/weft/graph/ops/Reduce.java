package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.tensor.ops.CompareOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.Reductions;
import java.util.Arrays;
import java.util.List;

/** A reduction over {@code axes} (all axes when empty), keeping reduced axes as 1 when {@code keepDims}. */
public record Reduce(ReduceOp fn, int[] axes, boolean keepDims) implements SimpleOp, Differentiable {
    public Reduce {
        axes = axes.clone();
    }

    @Override
    public int[] axes() { return axes.clone(); }

    @Override
    public String name() { return "Reduce" + Names.camel(fn.name()); }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 1);
        TensorType x = inputs.get(0);
        if (!x.hasRank()) return TensorType.unknownRank(x.dtype());
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        if (axes.length == 0) Arrays.fill(reduced, true);
        for (int a : axes) {
            int ax = a < 0 ? a + rank : a;
            if (ax < 0 || ax >= rank) {
                throw new IllegalArgumentException("axis " + a + " is out of range for " + x);
            }
            if (reduced[ax]) throw new IllegalArgumentException("axis " + a + " is listed twice in " + Arrays.toString(axes));
            reduced[ax] = true;
        }
        int[] dims = new int[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) dims[n++] = x.dim(i);
            else if (keepDims) dims[n++] = 1;
        }
        return new TensorType(x.dtype(), Arrays.copyOf(dims, n));
    }

    @Override
    public Tensor compute(List<Tensor> inputs) { return Reductions.reduce(fn, inputs.get(0), axes, keepDims); }

    /** The upstream gradient repeated over the reduced axes; max and min send it to the extreme elements. */
    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        Node up = upstream.get(0), x = node.inputs().get(0);
        return java.util.Collections.singletonList(switch (fn) {
            case SUM -> g.apply(new ExpandBack(axes, keepDims, false), up, x);
            case MEAN -> g.apply(new ExpandBack(axes, keepDims, true), up, x);
            case MAX, MIN -> g.mul(g.apply(new ExpandBack(axes, keepDims, false), up, x),
                    g.apply(new Indicator(CompareOp.EQUAL), x, g.apply(new ExpandBack(axes, keepDims, false), node, x)));
            default -> throw Gradients.noDerivative(node, "Reduce" + fn);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reduce r && r.fn == fn && r.keepDims == keepDims && Arrays.equals(r.axes, axes);
    }

    @Override
    public int hashCode() { return fn.hashCode() * 31 + Arrays.hashCode(axes) + (keepDims ? 1 : 0); }

    @Override
    public String toString() { return "Reduce[" + fn + ", axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + "]"; }
}
