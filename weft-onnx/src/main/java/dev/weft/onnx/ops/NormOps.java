package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.Normalization;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.Reductions;
import java.util.List;

/**
 * Normalizations: BatchNormalization, Instance/Layer/Group/RMS normalization, LRN, LpNormalization,
 * MVN. The inference computations are {@link Normalization}'s; this class reads the attributes and
 * keeps what the tensor library lacks: BatchNormalization's training mode and LRN.
 */
final class NormOps {
    private NormOps() {}

    static void register(OpRegistry r) {
        r.add("BatchNormalization", 1, c -> {
            double eps = c.attrFloat("epsilon", 1e-5f);
            if (c.attrInt("training_mode", 0) != 0) {
                double momentum = c.attrFloat("momentum", 0.9f);
                return c.op(in -> batchNormTraining(in, eps, momentum));
            }
            if (c.opset() < 14 && c.outputCount() > 1 && c.opset() >= 9) throw c.unsupported("training mode");
            return c.op(in -> List.of(Normalization.batchNorm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), eps)));
        });
        r.add("InstanceNormalization", 1, c -> {
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(Kernel.single(in -> Normalization.instanceNorm(in.get(0), in.get(1), in.get(2), eps)));
        });
        r.add("LayerNormalization", 17, c -> {
            int axis = c.attrIntExact("axis", -1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(in -> {
                Normalization.LayerNormResult res = Normalization.layerNorm(in.get(0), in.get(1),
                        in.size() > 2 ? in.get(2) : null, axis, eps);
                // The dtype rule promises float32 statistics (stash_type 1, the default).
                return List.of(res.y(), res.mean().castTo(DType.FLOAT32), res.invStdDev().castTo(DType.FLOAT32));
            }, (o, ins) -> o == 0 ? ins.get(0) : DType.FLOAT32);
        });
        r.add("RMSNormalization", 23, c -> {
            int axis = c.attrIntExact("axis", -1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(Kernel.single(in -> Normalization.rmsNorm(in.get(0), in.get(1), axis, eps)));
        });
        r.add("GroupNormalization", 18, c -> {
            int groups = c.attrIntExact("num_groups", 1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(Kernel.single(in -> Normalization.groupNorm(in.get(0), in.get(1), in.get(2), groups, eps)));
        });
        r.add("LRN", 1, c -> {
            double alpha = c.attrFloat("alpha", 1e-4f), beta = c.attrFloat("beta", 0.75f), bias = c.attrFloat("bias", 1f);
            int size = c.attrIntExact("size", 1);
            return c.op(Kernel.single(in -> lrn(in.get(0), alpha, beta, bias, size)));
        });
        r.add("LpNormalization", 1, c -> {
            int axis = c.attrIntExact("axis", -1);
            int p = c.attrIntExact("p", 2);
            return c.op(Kernel.single(in -> Normalization.lpNorm(in.get(0), Indexing.axis(axis, in.get(0).rank()), p)));
        });
        r.add("MeanVarianceNormalization", 9, c -> {
            long[] axes = c.attrInts("axes") != null ? c.attrInts("axes") : new long[] {0, 2, 3};
            return c.op(Kernel.single(in -> {
                int[] ax = new int[axes.length];
                for (int i = 0; i < ax.length; i++) ax[i] = Indexing.axis(axes[i], in.get(0).rank());
                return Normalization.meanVarianceNorm(in.get(0), ax);
            }));
        });
    }

    private static int[] channelShape(int[] d) {
        int[] s = new int[d.length - 1];
        java.util.Arrays.fill(s, 1);
        s[0] = d[1];
        return s;
    }

    /** Training-mode batch normalization: batch statistics, and running statistics updated by momentum. */
    static List<Tensor> batchNormTraining(List<Tensor> in, double eps, double momentum) {
        Tensor x = in.get(0);
        int[] d = x.shape().dims();
        int[] axes = new int[d.length - 1];
        for (int i = 2; i < d.length; i++) axes[i - 1] = i;
        int[] cs = channelShape(d);
        Tensor x64 = x.castTo(DType.FLOAT64);
        Tensor mean = Reductions.mean(x64, axes, false);
        Tensor centered = Binary.sub(x64, mean.reshape(cs));
        Tensor var = Reductions.mean(Binary.mul(centered, centered), axes, false);
        Tensor y = Normalization.batchNorm(x64, in.get(1).castTo(DType.FLOAT64), in.get(2).castTo(DType.FLOAT64),
                mean, var, eps);
        Tensor m = Tensor.scalar(DType.FLOAT64, momentum), m1 = Tensor.scalar(DType.FLOAT64, 1 - momentum);
        Tensor rm = Binary.add(Binary.mul(in.get(3).castTo(DType.FLOAT64), m), Binary.mul(mean, m1));
        Tensor rv = Binary.add(Binary.mul(in.get(4).castTo(DType.FLOAT64), m), Binary.mul(var, m1));
        return List.of(y.castTo(x.dtype()), rm.castTo(in.get(3).dtype()), rv.castTo(in.get(4).dtype()));
    }

    static Tensor lrn(Tensor x0, double alpha, double beta, double bias, int size) {
        Tensor x = x0.castTo(DType.FLOAT32).contiguous();
        int[] d = x.shape().dims();
        int n = d[0], ch = d[1], sp = x.size() / Math.max(1, n * ch);
        Tensor y = Tensor.zeros(DType.FLOAT32, x.shape());
        float[] xf = x.floatData(), yf = y.floatData();
        int lo = (size - 1) / 2, hi = size - 1 - lo;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < sp; i++) {
                    double sq = 0;
                    for (int k = Math.max(0, c - lo); k <= Math.min(ch - 1, c + hi); k++) {
                        double v = xf[(b * ch + k) * sp + i];
                        sq += v * v;
                    }
                    int at = (b * ch + c) * sp + i;
                    yf[at] = (float) (xf[at] / Math.pow(bias + alpha / size * sq, beta));
                }
            }
        }
        return y.castTo(x0.dtype());
    }
}
