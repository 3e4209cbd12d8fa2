package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Permutes axes: output axis i is input axis {@code perm[i]}. An empty {@code perm} swaps the last
 * two axes (a batched matrix transpose), which is what matmul's gradient needs.
 */
public record Transpose(int[] perm) implements SimpleOp, Differentiable {
    public Transpose {
        perm = perm.clone();
    }

    /** Swaps the last two axes. */
    public static Transpose lastTwo() { return new Transpose(new int[0]); }

    @Override
    public int[] perm() { return perm.clone(); }

    @Override
    public String name() { return "Transpose"; }

    private int[] permFor(int rank) {
        if (perm.length > 0) return perm;
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) p[i] = i;
        if (rank >= 2) {
            p[rank - 1] = rank - 2;
            p[rank - 2] = rank - 1;
        }
        return p;
    }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 1);
        TensorType x = inputs.get(0);
        if (!x.hasRank()) return x;
        int[] p = permFor(x.rank());
        if (p.length != x.rank()) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(p) + " does not fit " + x);
        }
        int[] dims = new int[p.length];
        boolean[] seen = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] >= p.length || seen[p[i]]) {
                throw new IllegalArgumentException(Arrays.toString(p) + " is not a permutation of the axes of " + x);
            }
            seen[p[i]] = true;
            dims[i] = x.dim(p[i]);
        }
        return new TensorType(x.dtype(), dims);
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return x.transpose(permFor(x.rank())).contiguous();
    }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        int[] p = permFor(node.inputs().get(0).type().rank());
        int[] inverse = new int[p.length];
        for (int i = 0; i < p.length; i++) inverse[p[i]] = i;
        return List.of(g.apply(new Transpose(perm.length == 0 ? perm : inverse), upstream.get(0)));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Transpose t && Arrays.equals(t.perm, perm); }

    @Override
    public int hashCode() { return Arrays.hashCode(perm); }
}
