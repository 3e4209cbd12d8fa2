package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX Attention (opset 23/24): scaled dot-product attention with an optional mask (bool or
 * additive, padded with "masked" when shorter than the key sequence), causal masking aligned to
 * the past length, a key/value cache, padding by per-batch valid lengths, grouped-query heads,
 * soft-capping, and the optional QK output. A fully masked query row yields zeros. Inputs are 4-D {@code [batch, heads, seq, headSize]}
 * or 3-D {@code [batch, seq, heads * headSize]} (then the head counts are needed).
 *
 * <p>A reference implementation computing in double, one (batch, head, query) row at a time; it
 * allocates per call and is not the fast path for large models (MatMul and Softmax are).
 */
public final class Attention {
    private Attention() {}

    /** Attributes of the op; {@code scale} NaN means {@code 1/sqrt(headSize)}; {@code softcap} 0 means none. */
    public record Options(double scale, boolean causal, int qNumHeads, int kvNumHeads, double softcap, int qkOutputMode) {
        public static Options defaults() { return new Options(Double.NaN, false, 0, 0, 0, 0); }
    }

    /** The four outputs: Y, present key, present value, and the QK product selected by the mode. */
    public record Result(Tensor y, Tensor presentKey, Tensor presentValue, Tensor qk) {}

    public static Result attention(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor pastKey, Tensor pastValue,
                                   Tensor nonpadKvSeqlen, Options o) {
        if (q.rank() != k.rank() || q.rank() != v.rank() || (q.rank() != 3 && q.rank() != 4)) {
            throw new IllegalArgumentException("Attention: Q, K, V must all be 3-D or all 4-D, got " + q.shape() + ", "
                    + k.shape() + ", " + v.shape());
        }
        boolean threeD = q.rank() == 3;
        Tensor q4 = threeD ? heads(q, o.qNumHeads(), "Q") : q;
        Tensor k4 = threeD ? heads(k, o.kvNumHeads(), "K") : k;
        Tensor v4 = threeD ? heads(v, o.kvNumHeads(), "V") : v;
        Tensor presentK = pastKey == null ? k4.contiguous() : Assembly.concat(2, pastKey, k4);
        Tensor presentV = pastValue == null ? v4.contiguous() : Assembly.concat(2, pastValue, v4);
        int b = q4.shape().dim(0), hq = q4.shape().dim(1), sq = q4.shape().dim(2), d = q4.shape().dim(3);
        int hk = presentK.shape().dim(1), skv = presentK.shape().dim(2), dv = presentV.shape().dim(3);
        if (presentK.shape().dim(3) != d || presentV.shape().dim(2) != skv || presentV.shape().dim(1) != hk || hq % hk != 0) {
            throw new IllegalArgumentException("Attention: incompatible Q " + q4.shape() + ", K " + presentK.shape() + ", V " + presentV.shape());
        }
        int reps = hq / hk;
        double scale = Double.isNaN(o.scale()) ? 1 / Math.sqrt(d) : o.scale();
        int past = pastKey == null ? 0 : pastKey.shape().dim(2);
        long[] nonpad = nonpadKvSeqlen == null ? null : nonpadKvSeqlen.toLongArray();
        double[] qd = q4.contiguous().toDoubleArray(), kd = presentK.toDoubleArray(), vd = presentV.toDoubleArray();
        Tensor y = Tensor.zeros(q.dtype(), Shape.of(b, hq, sq, dv));
        Tensor qkOut = Tensor.zeros(q.dtype(), Shape.of(b, hq, sq, skv));
        double[] raw = new double[skv], biased = new double[skv], p = new double[skv];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < hq; h++) {
                int kh = h / reps;
                for (int i = 0; i < sq; i++) {
                    int qo = ((bi * hq + h) * sq + i) * d;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < skv; j++) {
                        int ko = ((bi * hk + kh) * skv + j) * d;
                        double s = 0;
                        for (int t = 0; t < d; t++) s += qd[qo + t] * kd[ko + t];
                        s *= scale;
                        if (o.softcap() > 0) s = o.softcap() * Math.tanh(s / o.softcap());
                        raw[j] = s;
                        double bias = mask == null ? 0 : maskValue(mask, bi, h, i, j);
                        if (o.causal()) {
                            long offset = pastKey != null ? past : nonpad != null ? nonpad[bi] - sq : 0;
                            if (j > i + offset) bias = Double.NEGATIVE_INFINITY;
                        }
                        if (nonpad != null && j >= nonpad[bi]) bias = Double.NEGATIVE_INFINITY;
                        biased[j] = s + bias;
                        max = Math.max(max, biased[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < skv; j++) {
                        // A fully masked row attends to nothing: its weights are 0, not 0/0.
                        p[j] = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(biased[j] - max);
                        sum += p[j];
                    }
                    for (int j = 0; j < skv && sum > 0; j++) p[j] /= sum;
                    int yo = ((bi * hq + h) * sq + i) * dv;
                    for (int j = 0; j < skv; j++) {
                        int vo = ((bi * hk + kh) * skv + j) * dv;
                        for (int t = 0; t < dv; t++) y.writeDouble(yo + t, y.readDouble(yo + t) + p[j] * vd[vo + t]);
                        double[] chosen = o.qkOutputMode() == 2 ? biased : o.qkOutputMode() == 3 ? p : raw;
                        qkOut.writeDouble(((bi * hq + h) * sq + i) * skv + j, chosen[j]);
                    }
                }
            }
        }
        Tensor yOut = threeD ? y.transpose(0, 2, 1, 3).contiguous().reshape(b, sq, hq * dv) : y;
        return new Result(yOut, presentK, presentV, qkOut);
    }

    /** [batch, seq, heads*size] to [batch, heads, seq, size]. */
    private static Tensor heads(Tensor x, int numHeads, String which) {
        int hidden = x.shape().dim(2);
        if (numHeads <= 0 || hidden % numHeads != 0) {
            throw new IllegalArgumentException("Attention: 3-D " + which + " " + x.shape() + " needs a head count dividing " + hidden);
        }
        return x.reshape(x.shape().dim(0), x.shape().dim(1), numHeads, hidden / numHeads).transpose(0, 2, 1, 3);
    }

    /** The additive bias the mask gives at (b, h, i, j), broadcast from the right; columns past its end are masked. */
    private static double maskValue(Tensor mask, int b, int h, int i, int j) {
        int r = mask.rank();
        int[] idx = {b, h, i, j};
        int last = mask.shape().dim(r - 1);
        if (j >= last) return Double.NEGATIVE_INFINITY;
        int flat = 0;
        for (int a = 0; a < r; a++) {
            int dim = mask.shape().dim(a);
            int v = dim == 1 ? 0 : idx[4 - r + a];
            flat = flat * dim + v;
        }
        if (mask.dtype() == DType.BOOL) return mask.getLong(flat) != 0 ? 0 : Double.NEGATIVE_INFINITY;
        return mask.getDouble(flat);
    }
}
