package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.ReduceOp;
import java.util.ArrayList;
import java.util.List;

/** Normalizations: BatchNormalization (inference), Instance/Layer/Group/RMS normalization, LRN, LpNormalization, MVN. */
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
            return c.op(in -> List.of(batchNorm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), eps)));
        });
        r.add("InstanceNormalization", 1, c -> {
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int[] d = x.shape().dims();
                int nc = d[0] * d[1];
                Tensor y = normalize(x.reshape(d[0], d[1], nc == 0 ? 0 : x.size() / nc), 2, eps, null).get(0);
                y = y.reshape(x.shape());
                Tensor scale = in.get(1).reshape(channelShape(d)), bias = in.get(2).reshape(channelShape(d));
                return affine(y, scale, bias);
            }));
        });
        r.add("LayerNormalization", 17, c -> {
            int axis = c.attrIntExact("axis", -1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(in -> {
                Tensor x = in.get(0);
                int a = Indexing.axis(axis, x.rank());
                List<Tensor> res = normalize(x, a, eps, null);
                Tensor y = affine(res.get(0), in.get(1), in.size() > 2 ? in.get(2) : null);
                List<Tensor> out = new ArrayList<>(List.of(y, res.get(1), res.get(2)));
                return out;
            }, (o, ins) -> o == 0 ? ins.get(0) : DType.FLOAT32);
        });
        r.add("RMSNormalization", 23, c -> {
            int axis = c.attrIntExact("axis", -1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int a = Indexing.axis(axis, x.rank());
                long[] axes = new long[x.rank() - a];
                for (int i = 0; i < axes.length; i++) axes[i] = a + i;
                Tensor x64 = x.castTo(DType.FLOAT64);
                Tensor ms = ReduceOps.reduce(ReduceOp.MEAN, Maps.unary(x64, DType.FLOAT64, v -> v * v, null), axes, true, false);
                Tensor y = Maps.binary(x64, ms, DType.FLOAT64, (v, m) -> v / Math.sqrt(m + eps), null);
                return Maps.binary(y, in.get(1).castTo(DType.FLOAT64), DType.FLOAT64, (p, q) -> p * q, null).castTo(x.dtype());
            }));
        });
        r.add("GroupNormalization", 18, c -> {
            int groups = c.attrIntExact("num_groups", 1);
            double eps = c.attrFloat("epsilon", 1e-5f);
            boolean perGroupScale = c.opset() < 21;
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int[] d = x.shape().dims();
                Tensor y = normalize(x.reshape(d[0], groups, x.size() / (d[0] * groups)), 2, eps, null).get(0).reshape(x.shape());
                Tensor scale = in.get(1), bias = in.get(2);
                if (perGroupScale) {
                    int per = d[1] / groups;
                    scale = SliceOps.concat(repeatEach(scale, per), 0);
                    bias = SliceOps.concat(repeatEach(bias, per), 0);
                }
                return affine(y, scale.reshape(channelShape(d)), bias.reshape(channelShape(d)));
            }));
        });
        r.add("LRN", 1, c -> {
            double alpha = c.attrFloat("alpha", 1e-4f), beta = c.attrFloat("beta", 0.75f), bias = c.attrFloat("bias", 1f);
            int size = c.attrIntExact("size", 1);
            return c.op(Kernel.single(in -> lrn(in.get(0), alpha, beta, bias, size)));
        });
        r.add("LpNormalization", 1, c -> {
            int axis = c.attrIntExact("axis", -1);
            int p = c.attrIntExact("p", 2);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                long[] ax = {Indexing.axis(axis, x.rank())};
                Tensor norm = ReduceOps.reduce(p == 1 ? ReduceOp.L1 : ReduceOp.L2, x, ax, true, false);
                return Maps.binary(x, norm, x.dtype(), (v, n) -> n == 0 ? 0 : v / n, null);
            }));
        });
        r.add("MeanVarianceNormalization", 9, c -> {
            long[] axes = c.attrInts("axes") != null ? c.attrInts("axes") : new long[] {0, 2, 3};
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0).castTo(DType.FLOAT64);
                Tensor mean = ReduceOps.reduce(ReduceOp.MEAN, x, axes, true, false);
                Tensor centered = Maps.binary(x, mean, DType.FLOAT64, (a, b) -> a - b, null);
                Tensor var = ReduceOps.reduce(ReduceOp.MEAN, Maps.unary(centered, DType.FLOAT64, v -> v * v, null), axes, true, false);
                return Maps.binary(centered, var, DType.FLOAT64, (a, v) -> a / (Math.sqrt(v) + 1e-9), null).castTo(in.get(0).dtype());
            }));
        });
    }

    private static List<Tensor> repeatEach(Tensor t, int per) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) for (int k = 0; k < per; k++) parts.add(t.slice(0, i, i + 1, 1));
        return parts;
    }

    private static int[] channelShape(int[] d) {
        int[] s = new int[d.length - 1];
        java.util.Arrays.fill(s, 1);
        s[0] = d[1];
        return s;
    }

    /** x * scale + bias with broadcasting, in x's dtype. */
    static Tensor affine(Tensor x, Tensor scale, Tensor bias) {
        Tensor y = Maps.binary(x, scale.castTo(x.dtype()), x.dtype(), (a, b) -> a * b, null);
        return bias == null ? y : Maps.binary(y, bias.castTo(x.dtype()), x.dtype(), Double::sum, null);
    }

    /**
     * Normalizes over axes {@code from..rank-1}: returns (x - mean) / sqrt(var + eps), the mean and
     * 1/sqrt(var + eps) (both float32 with the reduced axes kept as 1).
     */
    static List<Tensor> normalize(Tensor x0, int from, double eps, Object unused) {
        Tensor x = x0.contiguous();
        int[] d = x.shape().dims();
        int inner = 1;
        for (int i = from; i < d.length; i++) inner *= d[i];
        int outer = inner == 0 ? 0 : x.size() / inner;
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        int[] sd = d.clone();
        for (int i = from; i < d.length; i++) sd[i] = 1;
        Tensor mean = Tensor.zeros(DType.FLOAT32, Shape.of(sd)), inv = Tensor.zeros(DType.FLOAT32, Shape.of(sd));
        for (int o = 0; o < outer; o++) {
            double s = 0;
            for (int i = 0; i < inner; i++) s += x.getDouble(o * inner + i);
            double m = s / inner, v = 0;
            for (int i = 0; i < inner; i++) { double t = x.getDouble(o * inner + i) - m; v += t * t; }
            double is = 1 / Math.sqrt(v / inner + eps);
            for (int i = 0; i < inner; i++) y.setDouble(o * inner + i, (x.getDouble(o * inner + i) - m) * is);
            mean.setDouble(o, m);
            inv.setDouble(o, is);
        }
        return List.of(y, mean, inv);
    }

    static Tensor batchNorm(Tensor x0, Tensor scale, Tensor bias, Tensor mean, Tensor var, double eps) {
        Tensor x = x0.castTo(DType.FLOAT32).contiguous();
        int[] d = x.shape().dims();
        int n = d[0], ch = d.length > 1 ? d[1] : 1, sp = n * ch == 0 ? 0 : x.size() / (n * ch);
        Tensor y = Tensor.zeros(DType.FLOAT32, x.shape());
        float[] xf = x.floatData(), yf = y.floatData();
        for (int c = 0; c < ch; c++) {
            double a = scale.getDouble(c) / Math.sqrt(var.getDouble(c) + eps);
            double b = bias.getDouble(c) - mean.getDouble(c) * a;
            float fa = (float) a, fb = (float) b;
            for (int b0 = 0; b0 < n; b0++) {
                int base = (b0 * ch + c) * sp;
                for (int i = 0; i < sp; i++) yf[base + i] = xf[base + i] * fa + fb;
            }
        }
        return y.castTo(x0.dtype());
    }

    /** Training-mode batch normalization: batch statistics, and running statistics updated by momentum. */
    static List<Tensor> batchNormTraining(List<Tensor> in, double eps, double momentum) {
        Tensor x = in.get(0);
        int[] d = x.shape().dims();
        long[] axes = new long[d.length - 1];
        axes[0] = 0;
        for (int i = 2; i < d.length; i++) axes[i - 1] = i;
        Tensor x64 = x.castTo(DType.FLOAT64);
        Tensor mean = ReduceOps.reduce(ReduceOp.MEAN, x64, axes, false, false);
        int[] cs = channelShape(d);
        Tensor centered = Maps.binary(x64, mean.reshape(cs), DType.FLOAT64, (a, b) -> a - b, null);
        Tensor var = ReduceOps.reduce(ReduceOp.MEAN, Maps.unary(centered, DType.FLOAT64, v -> v * v, null), axes, false, false);
        Tensor y = Maps.binary(centered, var.reshape(cs), DType.FLOAT64, (a, v) -> a / Math.sqrt(v + eps), null);
        y = affine(y, in.get(1).castTo(DType.FLOAT64).reshape(cs), in.get(2).castTo(DType.FLOAT64).reshape(cs));
        Tensor rm = Maps.binary(in.get(3).castTo(DType.FLOAT64), mean, DType.FLOAT64, (r, m) -> r * momentum + m * (1 - momentum), null);
        Tensor rv = Maps.binary(in.get(4).castTo(DType.FLOAT64), var, DType.FLOAT64, (r, v) -> r * momentum + v * (1 - momentum), null);
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
