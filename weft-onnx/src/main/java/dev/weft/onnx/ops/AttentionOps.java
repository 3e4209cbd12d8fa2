package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention (opsets 23 and 24): scaled dot-product attention over 4-D (batch, heads, seq, size)
 * or 3-D (batch, seq, heads*size) inputs, with a boolean or additive mask, causal masking,
 * grouped-query heads, a KV cache (past/present), softcap, nonpad_kv_seqlen, and the optional
 * qk output in its four modes. Computed in double precision.
 */
final class AttentionOps {
    private AttentionOps() {}

    private record Attrs(boolean causal, int qHeads, int kvHeads, int mode, Double scale, double softcap) {}

    static void register(OpRegistry r) {
        r.add("Attention", 23, c -> {
            Attrs a = new Attrs(c.attrInt("is_causal", 0) != 0, c.attrIntExact("q_num_heads", 0),
                    c.attrIntExact("kv_num_heads", 0), c.attrIntExact("qk_matmul_output_mode", 0),
                    c.has("scale") ? (double) c.attrFloat("scale", 1f) : null, c.attrFloat("softcap", 0f));
            return c.op(in -> attention(in, a));
        });
        registerFlex(r);
    }

    /** FlexAttention (ai.onnx.preview 1): attention with score_mod and prob_mod subgraphs over 4-D inputs. */
    private static void registerFlex(OpRegistry r) {
        r.add("ai.onnx.preview", "FlexAttention", 1, c -> {
            Subgraph scoreMod = c.has("score_mod") ? c.subgraph("score_mod") : null;
            Subgraph probMod = c.has("prob_mod") ? c.subgraph("prob_mod") : null;
            Double scale = c.has("scale") ? (double) c.attrFloat("scale", 1f) : null;
            List<String> outer = c.outerNames();
            int own = c.inputCount();
            return c.op(Kernel.single(in -> {
                java.util.Map<String, Tensor> env = new java.util.HashMap<>();
                for (int i = 0; i < outer.size(); i++) env.put(outer.get(i), in.get(own + i));
                Tensor q = in.get(0), k = in.get(1), v = in.get(2);
                DType dt = q.dtype();
                int hq = q.shape().dim(1), hkv = k.shape().dim(1), e = q.shape().dim(3);
                Tensor q64 = q.castTo(DType.FLOAT64), k64 = k.castTo(DType.FLOAT64), v64 = v.castTo(DType.FLOAT64);
                if (hkv != hq) {
                    k64 = repeatHeads(k64, hq / hkv);
                    v64 = repeatHeads(v64, hq / hkv);
                }
                double sc = scale != null ? scale : 1 / Math.sqrt(e);
                Tensor scores = dev.weft.tensor.ops.MatMul.matmul(q64, k64.transpose(0, 1, 3, 2).contiguous());
                scores = Maps.unary(scores, dt, x -> x * sc, null);
                if (scoreMod != null) scores = scoreMod.run(List.of(scores), env).getFirst();
                Tensor probs = dev.weft.tensor.ops.Softmax.softmax(scores, scores.rank() - 1);
                if (probMod != null) probs = probMod.run(List.of(probs), env).getFirst();
                return dev.weft.tensor.ops.MatMul.matmul(probs.castTo(DType.FLOAT64), v64).castTo(dt);
            }));
        });
    }

    private static Tensor repeatHeads(Tensor t, int times) {
        int[] d = t.shape().dims();
        Tensor e = t.unsqueeze(2).expand(Shape.of(d[0], d[1], times, d[2], d[3]));
        return e.contiguous().reshape(d[0], d[1] * times, d[2], d[3]);
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }

    /** (B, S, H*D) to (B, H, S, D), as double. */
    private static Tensor heads(Tensor x, int h) {
        Tensor d = x.castTo(DType.FLOAT64);
        if (x.rank() == 4) return d.contiguous();
        int b = x.shape().dim(0), s = x.shape().dim(1), hid = x.shape().dim(2);
        return d.reshape(b, s, h, hid / h).transpose(0, 2, 1, 3).contiguous();
    }

    static List<Tensor> attention(List<Tensor> in, Attrs a) {
        Tensor q0 = in.get(0), k0 = in.get(1), v0 = in.get(2);
        Tensor mask = opt(in, 3), pastK = opt(in, 4), pastV = opt(in, 5), seqlen = opt(in, 6);
        DType dt = q0.dtype();
        boolean threeD = q0.rank() == 3;
        Tensor q = heads(q0, a.qHeads()), k = heads(k0, a.kvHeads()), v = heads(v0, a.kvHeads());
        if (pastK != null) k = SliceOps.concat(List.of(pastK.castTo(DType.FLOAT64), k), 2).contiguous();
        if (pastV != null) v = SliceOps.concat(List.of(pastV.castTo(DType.FLOAT64), v), 2).contiguous();
        int batch = q.shape().dim(0), hq = q.shape().dim(1), sq = q.shape().dim(2), dh = q.shape().dim(3);
        int hkv = k.shape().dim(1), skv = k.shape().dim(2), dv = v.shape().dim(3);
        double scale = a.scale() != null ? a.scale() : 1 / Math.sqrt(dh);
        Tensor maskD = null;
        if (mask != null) {
            Tensor m = mask;
            if (m.shape().dim(-1) < skv) {
                // A mask shorter than the keys leaves the remaining keys masked out.
                int[] pd = m.shape().dims();
                long[] pads = new long[2 * pd.length];
                pads[pd.length + pd.length - 1] = skv - pd[pd.length - 1];
                m = SliceOps.pad(m, pads, "constant", m.dtype() == DType.BOOL ? 0 : Double.NEGATIVE_INFINITY, null);
            }
            mask = m;
            maskD = m.expand(Shape.broadcast(m.shape(), Shape.of(batch, hq, sq, skv))).expand(Shape.of(batch, hq, sq, skv));
        }
        double[] qd = q.doubleData(), kd = k.doubleData(), vd = v.doubleData();
        double[] y = new double[batch * hq * sq * dv];
        double[] qk = new double[batch * hq * sq * skv];
        double[] row = new double[skv];
        int group = hq / Math.max(hkv, 1);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < hq; h++) {
                int kh = h / group;
                // Causal masking is aligned bottom-right: the last query sees every valid key.
                long offset = seqlen != null ? seqlen.getLong(b) - sq : pastK != null ? skv - sq : 0;
                for (int i = 0; i < sq; i++) {
                    for (int j = 0; j < skv; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) {
                            s += qd[((b * hq + h) * sq + i) * dh + e] * kd[((b * hkv + kh) * skv + j) * dh + e];
                        }
                        s *= scale;
                        double bias = 0;
                        if (a.causal() && j > i + offset) bias = Double.NEGATIVE_INFINITY;
                        if (maskD != null) {
                            int flat = ((b * hq + h) * sq + i) * skv + j;
                            if (mask.dtype() == DType.BOOL) {
                                if (maskD.getLong(flat) == 0) bias = Double.NEGATIVE_INFINITY;
                            } else {
                                bias += maskD.getDouble(flat);
                            }
                        }
                        if (seqlen != null && j >= seqlen.getLong(b)) bias = Double.NEGATIVE_INFINITY;
                        double capped = a.softcap() > 0 ? a.softcap() * Math.tanh(s / a.softcap()) : s;
                        double withBias = capped + bias;
                        row[j] = withBias;
                        int at = ((b * hq + h) * sq + i) * skv + j;
                        // Modes as the ONNX reference computes them: 1 is before the mask, 2 after it.
                        qk[at] = switch (a.mode()) {
                            case 1 -> capped;
                            case 2 -> withBias;
                            default -> s;
                        };
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < skv; j++) max = Math.max(max, row[j]);
                    double sum = 0;
                    for (int j = 0; j < skv; j++) {
                        row[j] = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    if (sum == 0) sum = 1;
                    for (int j = 0; j < skv; j++) {
                        row[j] /= sum;
                        if (a.mode() == 3) qk[((b * hq + h) * sq + i) * skv + j] = row[j];
                    }
                    for (int e = 0; e < dv; e++) {
                        double acc = 0;
                        for (int j = 0; j < skv; j++) acc += row[j] * vd[((b * hkv + kh) * skv + j) * dv + e];
                        y[((b * hq + h) * sq + i) * dv + e] = acc;
                    }
                }
            }
        }
        Tensor out = Tensor.of(y, batch, hq, sq, dv);
        if (threeD) out = out.transpose(0, 2, 1, 3).contiguous().reshape(batch, sq, hq * dv);
        List<Tensor> res = new ArrayList<>();
        res.add(out.castTo(dt));
        res.add(k.castTo(dt));
        res.add(v.castTo(dt));
        res.add(Tensor.of(qk, batch, hq, sq, skv).castTo(dt));
        return res;
    }
}
