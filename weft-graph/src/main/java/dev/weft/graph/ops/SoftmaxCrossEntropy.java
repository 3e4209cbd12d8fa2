package dev.weft.graph.ops;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Softmax;
import java.util.Arrays;
import java.util.List;

/**
 * The mean cross-entropy of class scores against integer labels: inputs {@code logits} [N, C]
 * (floating) and {@code labels} [N] (int64 or int32, each in 0..C-1); the output is a scalar.
 * Fused so that the loss is computed stably (log-softmax) and its gradient is simply
 * {@code (softmax(logits) - onehot(labels)) / N}.
 */
public record SoftmaxCrossEntropy() implements SimpleOp, Differentiable {
    @Override
    public String name() { return "SoftmaxCrossEntropy"; }

    @Override
    public TensorType inferType(List<TensorType> inputs) {
        SimpleOp.requireArity(this, inputs, 2);
        TensorType logits = inputs.get(0), labels = inputs.get(1);
        if (!logits.dtype().isFloating()) throw new IllegalArgumentException("logits must be floating point, got " + logits);
        if (labels.dtype() != DType.INT64 && labels.dtype() != DType.INT32) {
            throw new IllegalArgumentException("labels must be int64 or int32, got " + labels);
        }
        if (logits.hasRank() && logits.rank() != 2) throw new IllegalArgumentException("logits must be [N, C], got " + logits);
        if (labels.hasRank() && labels.rank() != 1) throw new IllegalArgumentException("labels must be [N], got " + labels);
        if (logits.hasRank() && labels.hasRank() && logits.dim(0) >= 0 && labels.dim(0) >= 0 && logits.dim(0) != labels.dim(0)) {
            throw new IllegalArgumentException("logits " + logits + " and labels " + labels + " disagree on N");
        }
        return TensorType.of(logits.dtype());
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        Tensor logits = inputs.get(0), labels = inputs.get(1);
        double[] logp = Softmax.logSoftmax(logits, 1).toDoubleArray();
        long[] y = labels.toLongArray();
        int n = logits.shape().dim(0), c = logits.shape().dim(1);
        double total = 0;
        for (int i = 0; i < n; i++) total -= logp[i * c + label(y, i, c)];
        return Tensor.scalar(logits.dtype(), n == 0 ? 0 : total / n);
    }

    static int label(long[] labels, int i, int classes) {
        long l = labels[i];
        if (l < 0 || l >= classes) {
            throw new IllegalArgumentException("label " + l + " at position " + i + " is outside 0.." + (classes - 1));
        }
        return (int) l;
    }

    @Override
    public List<Node> gradients(Graph g, Node node, List<Node> upstream) {
        List<Node> in = node.inputs();
        return Arrays.asList(g.apply(new Grad(), in.get(0), in.get(1), upstream.get(0)), null);
    }

    /** The gradient with respect to the logits: {@code up * (softmax(logits) - onehot(labels)) / N}. */
    public record Grad() implements SimpleOp {
        @Override
        public String name() { return "SoftmaxCrossEntropyGrad"; }

        @Override
        public TensorType inferType(List<TensorType> inputs) {
            SimpleOp.requireArity(this, inputs, 3);
            return inputs.get(0);
        }

        @Override
        public Tensor compute(List<Tensor> inputs) {
            Tensor logits = inputs.get(0), labels = inputs.get(1);
            double up = inputs.get(2).getDouble(0);
            int n = logits.shape().dim(0), c = logits.shape().dim(1);
            double[] p = Softmax.softmax(logits, 1).toDoubleArray();
            long[] y = labels.toLongArray();
            double scale = up / n;
            for (int i = 0; i < n; i++) {
                p[i * c + label(y, i, c)] -= 1;
                for (int j = 0; j < c; j++) p[i * c + j] *= scale;
            }
            return Tensor.of(p, n, c).castTo(logits.dtype());
        }
    }
}
