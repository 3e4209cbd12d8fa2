package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatBinary;
import dev.weft.tensor.ops.simd.FloatReduce;

/**
 * Normalization layers at inference: batch norm (per channel, with running statistics), layer
 * norm (over the trailing axes), instance norm (per sample and channel) and group norm. Inputs
 * are channel-first ({@code [N, C, ...]}) where channels matter. Float32 is vectorized; other
 * floating dtypes compute in double. Statistics use two passes (mean, then squared deviations),
 * which is stable for inputs with a large mean.
 */
public final class Normalization {
    private Normalization() {}

    /** The three outputs of ONNX LayerNormalization; mean and invStdDev have the input's leading dims and 1s after. */
    public record LayerNormResult(Tensor y, Tensor mean, Tensor invStdDev) {}

    /**
     * ONNX BatchNormalization (inference): {@code y = (x - mean) / sqrt(var + epsilon) * scale + bias}
     * per channel of x {@code [N, C, ...]}; scale, bias, mean and var have shape {@code [C]}.
     */
    public static Tensor batchNorm(Tensor x, Tensor scale, Tensor bias, Tensor mean, Tensor var, double epsilon) {
        Args.floating("BatchNormalization", x);
        Args.rank("BatchNormalization", x, 2);
        int n = x.shape().dim(0), c = x.shape().dim(1);
        int spatial = c == 0 || n == 0 ? 0 : x.size() / (n * c);
        for (Tensor p : new Tensor[] {scale, bias, mean, var}) channelVector("BatchNormalization", p, c, x);
        double[] s = scale.toDoubleArray(), b = bias.toDoubleArray(), m = mean.toDoubleArray(), v = var.toDoubleArray();
        double[] mul = new double[c], add = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mul[ch] = s[ch] / Math.sqrt(v[ch] + epsilon);
            add[ch] = b[ch] - m[ch] * mul[ch];
        }
        return perChannelAffine(x.contiguous(), n, c, spatial, mul, add);
    }

    private static void channelVector(String op, Tensor p, int c, Tensor x) {
        if (p.size() != c || p.rank() > 1) {
            throw new IllegalArgumentException(op + ": a per-channel parameter must have shape [" + c + "] for input "
                    + x.shape() + ", got " + p.shape());
        }
    }

    /** y[n, c, i] = x[n, c, i] * mul[c] + add[c] on a contiguous x. */
    private static Tensor perChannelAffine(Tensor x, int n, int c, int spatial, double[] mul, double[] add) {
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] d = x.floatData(), o = out.floatData();
            boolean simd = VectorSupport.enabled();
            for (int ni = 0; ni < n; ni++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (ni * c + ch) * spatial;
                    float a = (float) mul[ch], b = (float) add[ch];
                    if (simd) FloatReduce.affine(d, x.offset() + base, a, b, o, base, spatial);
                    else for (int i = 0; i < spatial; i++) o[base + i] = Math.fma(d[x.offset() + base + i], a, b);
                }
            }
        } else {
            for (int ni = 0; ni < n; ni++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (ni * c + ch) * spatial;
                    for (int i = 0; i < spatial; i++) {
                        out.writeDouble(base + i, x.readDouble(x.offset() + base + i) * mul[ch] + add[ch]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * ONNX LayerNormalization: normalizes over axes {@code axis..rank-1}; scale and the optional
     * bias (null for none) broadcast to those trailing dims.
     */
    public static LayerNormResult layerNorm(Tensor x, Tensor scale, Tensor bias, int axis, double epsilon) {
        Args.floating("LayerNormalization", x);
        int rank = x.rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("LayerNormalization: axis " + axis + " is out of range for " + x.shape());
        int[] dims = x.shape().dims();
        int[] tail = java.util.Arrays.copyOfRange(dims, a, rank);
        Shape tailShape = Shape.of(tail);
        int k = tailShape.size();
        int rows = k == 0 ? 0 : x.size() / k;
        Tensor s = expandParam("LayerNormalization scale", scale, tailShape, x);
        Tensor b = bias == null ? null : expandParam("LayerNormalization bias", bias, tailShape, x);
        int[] statDims = dims.clone();
        for (int i = a; i < rank; i++) statDims[i] = 1;
        Tensor meanOut = Tensor.zeros(x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32, Shape.of(statDims));
        Tensor invOut = Tensor.zeros(meanOut.dtype(), meanOut.shape());
        Tensor xc = x.contiguous();
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] d = xc.floatData(), o = y.floatData(), sd = s.floatData(), bd = b == null ? null : b.floatData();
            boolean simd = VectorSupport.enabled();
            for (int r = 0; r < rows; r++) {
                int off = xc.offset() + r * k;
                float mean, inv;
                if (simd) {
                    mean = FloatReduce.sum(d, off, k) / k;
                    inv = (float) (1.0 / Math.sqrt(FloatReduce.sumSquaredDeviations(d, off, k, mean) / k + epsilon));
                    FloatReduce.normalize(d, off, mean, inv, sd, 0, bd, 0, o, r * k, k);
                } else {
                    double sum = 0;
                    for (int i = 0; i < k; i++) sum += d[off + i];
                    mean = (float) (sum / k);
                    double sq = 0;
                    for (int i = 0; i < k; i++) sq += (d[off + i] - mean) * (d[off + i] - mean);
                    inv = (float) (1.0 / Math.sqrt(sq / k + epsilon));
                    for (int i = 0; i < k; i++) {
                        float v = (d[off + i] - mean) * inv * sd[i];
                        o[r * k + i] = bd == null ? v : v + bd[i];
                    }
                }
                meanOut.setDouble(r, mean);
                invOut.setDouble(r, inv);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int off = xc.offset() + r * k;
                double sum = 0;
                for (int i = 0; i < k; i++) sum += xc.readDouble(off + i);
                double mean = sum / k, sq = 0;
                for (int i = 0; i < k; i++) sq += (xc.readDouble(off + i) - mean) * (xc.readDouble(off + i) - mean);
                double inv = 1.0 / Math.sqrt(sq / k + epsilon);
                for (int i = 0; i < k; i++) {
                    double v = (xc.readDouble(off + i) - mean) * inv * s.readDouble(i);
                    y.writeDouble(r * k + i, b == null ? v : v + b.readDouble(i));
                }
                meanOut.setDouble(r, mean);
                invOut.setDouble(r, inv);
            }
        }
        return new LayerNormResult(y, meanOut, invOut);
    }

    /**
     * Float32 layer normalization over the last axis, with an optional residual added first
     * (ONNX Runtime's SkipLayerNormalization): {@code z = x + residual} (residual null for none),
     * then per row of the last axis {@code (z - mean)·inv·gamma + beta} with
     * {@code inv = 1/√(mean((z - mean)²) + epsilon)}. gamma and beta are null or as long as the
     * last axis. x and residual must be float32 of equal shapes (views are copied first). The
     * result is a new contiguous tensor; a steady state allocates nothing but that tensor.
     */
    public static Tensor layerNormLastAxis(Tensor x, Tensor residual, float[] gamma, float[] beta, float epsilon) {
        if (x.dtype() != DType.FLOAT32 || x.rank() == 0 || (residual != null && (residual.dtype() != DType.FLOAT32
                || !residual.shape().equals(x.shape())))) {
            throw new IllegalArgumentException("layerNormLastAxis needs float32 x and an equal-shaped float32 residual, got "
                    + x.dtype() + x.shape() + (residual == null ? "" : " and " + residual.dtype() + residual.shape()));
        }
        int c = x.shape().dim(-1);
        if ((gamma != null && gamma.length != c) || (beta != null && beta.length != c)) {
            throw new IllegalArgumentException("layerNormLastAxis: gamma and beta must have " + c + " elements for " + x.shape());
        }
        Tensor y = Tensor.uninitialized(DType.FLOAT32, x.shape());
        int n = x.size(), rows = c == 0 ? 0 : n / c;
        Tensor xc = x.contiguous();
        float[] o = y.floatData(), src = xc.floatData();
        int so = xc.offset();
        boolean simd = VectorSupport.enabled();
        if (residual != null) {
            Tensor rc = residual.contiguous();
            float[] r = rc.floatData();
            int ro = rc.offset(), done = simd ? FloatBinary.binary(BinaryOp.ADD, src, so, r, ro, o, 0, n) : 0;
            for (int i = done; i < n; i++) o[i] = src[so + i] + r[ro + i];
            src = o;
            so = 0;
        }
        for (int row = 0; row < rows; row++) {
            int off = so + row * c, out = row * c;
            if (simd) {
                float mean = FloatReduce.sum(src, off, c) / c;
                float inv = (float) (1.0 / Math.sqrt(FloatReduce.sumSquaredDeviations(src, off, c, mean) / c + epsilon));
                if (gamma != null) {
                    FloatReduce.normalize(src, off, mean, inv, gamma, 0, beta, 0, o, out, c);
                } else {
                    FloatReduce.affine(src, off, inv, -mean * inv, o, out, c);
                    if (beta != null) {
                        int done = FloatBinary.binary(BinaryOp.ADD, o, out, beta, 0, o, out, c);
                        for (int i = done; i < c; i++) o[out + i] += beta[i];
                    }
                }
            } else {
                float sum = 0;
                for (int i = 0; i < c; i++) sum += src[off + i];
                float mean = sum / c, sq = 0;
                for (int i = 0; i < c; i++) sq += (src[off + i] - mean) * (src[off + i] - mean);
                float inv = (float) (1.0 / Math.sqrt(sq / c + epsilon));
                for (int i = 0; i < c; i++) {
                    float v = (src[off + i] - mean) * inv;
                    if (gamma != null) v *= gamma[i];
                    o[out + i] = beta == null ? v : v + beta[i];
                }
            }
        }
        return y;
    }

    private static Tensor expandParam(String what, Tensor p, Shape target, Tensor x) {
        if (!p.shape().broadcastsTo(target)) {
            throw new IllegalArgumentException(what + " of shape " + p.shape() + " does not broadcast to the normalized dims "
                    + target + " of input " + x.shape());
        }
        Tensor e = p.expand(target).contiguous();
        return e.dtype() == x.dtype() ? e : e.castTo(x.dtype());
    }

    /** ONNX InstanceNormalization: per sample and channel over the spatial dims; scale and bias are [C]. */
    public static Tensor instanceNorm(Tensor x, Tensor scale, Tensor bias, double epsilon) {
        Args.floating("InstanceNormalization", x);
        Args.rank("InstanceNormalization", x, 2);
        int c = x.shape().dim(1);
        channelVector("InstanceNormalization", scale, c, x);
        channelVector("InstanceNormalization", bias, c, x);
        return grouped(x, c, scale.toDoubleArray(), bias.toDoubleArray(), epsilon);
    }

    /**
     * ONNX GroupNormalization (opset 21): channels split into {@code numGroups} groups normalized
     * together; scale and bias are per channel ([C]), or per group ([G], the opset-18 form).
     */
    public static Tensor groupNorm(Tensor x, Tensor scale, Tensor bias, int numGroups, double epsilon) {
        Args.floating("GroupNormalization", x);
        Args.rank("GroupNormalization", x, 2);
        int c = x.shape().dim(1);
        if (numGroups <= 0 || c % numGroups != 0) {
            throw new IllegalArgumentException("GroupNormalization: " + c + " channels of " + x.shape()
                    + " do not split into " + numGroups + " groups");
        }
        double[] s = scale.toDoubleArray(), b = bias.toDoubleArray();
        if (s.length == numGroups && numGroups != c) {
            s = perChannel(s, c / numGroups);
            b = perChannel(b, c / numGroups);
        }
        if (s.length != c || b.length != c) {
            throw new IllegalArgumentException("GroupNormalization: scale and bias must have " + c + " (or " + numGroups
                    + ") elements for input " + x.shape() + ", got " + scale.shape() + " and " + bias.shape());
        }
        return grouped(x, numGroups, s, b, epsilon);
    }

    private static double[] perChannel(double[] perGroup, int channelsPerGroup) {
        double[] out = new double[perGroup.length * channelsPerGroup];
        for (int i = 0; i < out.length; i++) out[i] = perGroup[i / channelsPerGroup];
        return out;
    }

    /** Normalizes each (sample, group) block of a [N, C, ...] tensor, then applies per-channel scale and bias. */
    private static Tensor grouped(Tensor x, int groups, double[] scale, double[] bias, double epsilon) {
        Tensor xc = x.contiguous();
        int n = x.shape().dim(0), c = x.shape().dim(1);
        int spatial = n == 0 || c == 0 ? 0 : x.size() / (n * c);
        int perGroup = c / groups;
        int block = perGroup * spatial;
        double[] mul = new double[c], add = new double[c];
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        boolean simd = VectorSupport.enabled() && x.dtype() == DType.FLOAT32;
        for (int ni = 0; ni < n; ni++) {
            for (int g = 0; g < groups; g++) {
                int off = xc.offset() + (ni * c + g * perGroup) * spatial;
                double mean, var;
                if (simd) {
                    float[] d = xc.floatData();
                    float m = FloatReduce.sum(d, off, block) / block;
                    mean = m;
                    var = FloatReduce.sumSquaredDeviations(d, off, block, m) / block;
                } else {
                    double sum = 0;
                    for (int i = 0; i < block; i++) sum += xc.readDouble(off + i);
                    mean = sum / block;
                    double sq = 0;
                    for (int i = 0; i < block; i++) sq += (xc.readDouble(off + i) - mean) * (xc.readDouble(off + i) - mean);
                    var = sq / block;
                }
                double inv = 1.0 / Math.sqrt(var + epsilon);
                for (int ch = g * perGroup; ch < (g + 1) * perGroup; ch++) {
                    mul[ch] = scale[ch] * inv;
                    add[ch] = bias[ch] - mean * mul[ch];
                }
            }
            Tensor sample = xc.slice(0, ni, ni + 1, 1);
            Tensor o = perChannelAffine(sample.contiguous(), 1, c, spatial, mul, add);
            out.slice(0, ni, ni + 1, 1).copyFrom(o);
        }
        return out;
    }

    /**
     * ONNX RMSNormalization: {@code y = x / sqrt(mean(x², axes axis..) + epsilon) * scale}, scale
     * broadcast to the normalized trailing dims. Computed in double per row, stored in x's dtype.
     */
    public static Tensor rmsNorm(Tensor x, Tensor scale, int axis, double epsilon) {
        Args.floating("RMSNormalization", x);
        int rank = x.rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("RMSNormalization: axis " + axis + " is out of range for " + x.shape());
        Shape tailShape = Shape.of(java.util.Arrays.copyOfRange(x.shape().dims(), a, rank));
        int k = tailShape.size();
        int rows = k == 0 ? 0 : x.size() / k;
        Tensor s = expandParam("RMSNormalization scale", scale, tailShape, x);
        Tensor xc = x.contiguous();
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        for (int r = 0; r < rows; r++) {
            int off = xc.offset() + r * k;
            double sq = 0;
            for (int i = 0; i < k; i++) {
                double v = xc.readDouble(off + i);
                sq += v * v;
            }
            double inv = 1.0 / Math.sqrt(sq / k + epsilon);
            for (int i = 0; i < k; i++) y.writeDouble(r * k + i, xc.readDouble(off + i) * inv * s.readDouble(i));
        }
        return y;
    }

    /** ONNX LpNormalization: x divided by its L1 ({@code p = 1}) or L2 ({@code p = 2}) norm along {@code axis}. */
    public static Tensor lpNorm(Tensor x, int axis, int p) {
        Args.floating("LpNormalization", x);
        if (p != 1 && p != 2) throw new IllegalArgumentException("LpNormalization: p must be 1 or 2, got " + p);
        Tensor norm = Reductions.reduce(p == 1 ? ReduceOp.L1 : ReduceOp.L2, x, new int[] {axis}, true);
        // A zero vector stays zero instead of becoming 0/0.
        return Binary.div(x, Unary.map(norm, v -> v == 0 ? 1 : v));
    }

    /**
     * ONNX MeanVarianceNormalization: {@code (x - mean) / (sqrt(var) + 1e-9)} with mean and
     * (biased) variance over {@code axes} (ONNX's default is {0, 2, 3}).
     */
    public static Tensor meanVarianceNorm(Tensor x, int[] axes) {
        Args.floating("MeanVarianceNormalization", x);
        Tensor mean = Reductions.mean(x, axes, true);
        Tensor centered = Binary.sub(x, mean);
        Tensor var = Reductions.mean(Binary.mul(centered, centered), axes, true);
        Tensor std = Binary.add(Unary.sqrt(var), Tensor.scalar(x.dtype(), 1e-9));
        return Binary.div(centered, std);
    }
}
