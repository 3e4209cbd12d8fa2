package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, with class weights, ignore_index and reductions. */
final class LossOps {
    private LossOps() {}

    static void register(OpRegistry r) {
        r.add("NegativeLogLikelihoodLoss", 12, c -> {
            String red = c.attrString("reduction", "mean");
            Long ignore = c.has("ignore_index") ? c.attrInt("ignore_index", 0) : null;
            return c.op(Kernel.single(in -> nll(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, red, ignore)));
        });
        r.add("SoftmaxCrossEntropyLoss", 12, c -> {
            String red = c.attrString("reduction", "mean");
            Long ignore = c.has("ignore_index") ? c.attrInt("ignore_index", 0) : null;
            return c.op(in -> {
                Tensor logp = dev.weft.tensor.ops.Softmax.logSoftmax(in.get(0), 1);
                List<Tensor> out = new ArrayList<>();
                out.add(nll(logp, in.get(1), in.size() > 2 ? in.get(2) : null, red, ignore));
                out.add(logp);
                return out;
            });
        });
    }

    static Tensor nll(Tensor input, Tensor target, Tensor weight, String reduction, Long ignore) {
        int[] d = input.shape().dims();
        int n = d[0], classes = d[1];
        int inner = 1;
        for (int i = 2; i < d.length; i++) inner *= d[i];
        double[] loss = new double[n * inner];
        double wsum = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                long t = target.getLong(b * inner + i);
                if (ignore != null && t == ignore) continue;
                if (t < 0 || t >= classes) throw new IllegalArgumentException("target " + t + " is outside [0, " + classes + ")");
                double w = weight == null ? 1 : weight.getDouble((int) t);
                loss[b * inner + i] = -input.getDouble((b * classes + (int) t) * inner + i) * w;
                wsum += w;
            }
        }
        DType dt = input.dtype();
        switch (reduction) {
            case "none" -> {
                int[] od = new int[d.length - 1];
                od[0] = n;
                System.arraycopy(d, 2, od, 1, d.length - 2);
                Tensor out = Tensor.zeros(dt, Shape.of(od));
                for (int i = 0; i < loss.length; i++) out.setDouble(i, loss[i]);
                return out;
            }
            case "sum" -> {
                double s = 0;
                for (double v : loss) s += v;
                return Tensor.scalar(dt, s);
            }
            default -> {
                double s = 0;
                for (double v : loss) s += v;
                return Tensor.scalar(dt, wsum == 0 ? 0 : s / wsum);
            }
        }
    }
}
