package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Attention;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention (opsets 23 and 24): scaled dot-product attention over 4-D (batch, heads, seq, size)
 * or 3-D (batch, seq, heads*size) inputs, with a boolean or additive mask, causal masking,
 * grouped-query heads, a KV cache (past/present), softcap, nonpad_kv_seqlen, and the optional
 * qk output in its four modes, computed by {@link Attention}; and FlexAttention, whose score and
 * probability modifier subgraphs run between the tensor library's matmuls and softmax.
 */
final class AttentionOps {
    private AttentionOps() {}

    private record Attrs(boolean causal, int qHeads, int kvHeads, int mode, Double scale, double softcap) {}

    static void register(OpRegistry r) {
        r.add("Attention", 23, c -> {
            Attrs a = new Attrs(c.attrInt("is_causal", 0) != 0, c.attrIntExact("q_num_heads", 0),
                    c.attrIntExact("kv_num_heads", 0), c.attrIntExact("qk_matmul_output_mode", 0),
                    c.has("scale") ? (double) c.attrFloat("scale", 1f) : null, c.attrFloat("softcap", 0f));
            return c.op(in -> {
                DType dt = in.get(0).dtype();
                // The ONNX reference computes 16-bit attention in higher precision and rounds once at the end.
                boolean widen = dt == DType.FLOAT16 || dt == DType.BFLOAT16;
                Attention.Result res = Attention.attention(wide(in.get(0), widen), wide(in.get(1), widen),
                        wide(in.get(2), widen), wide(opt(in, 3), widen), wide(opt(in, 4), widen), wide(opt(in, 5), widen),
                        opt(in, 6), new Attention.Options(a.scale() == null ? Double.NaN : a.scale(),
                                a.causal(), a.qHeads(), a.kvHeads(), a.softcap(), a.mode()));
                List<Tensor> out = new ArrayList<>();
                out.add(res.y().castTo(dt));
                out.add(res.presentKey().castTo(dt));
                out.add(res.presentValue().castTo(dt));
                out.add(res.qk().castTo(dt));
                return out;
            });
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
                scores = dev.weft.tensor.ops.Unary.map(scores, x -> x * sc).castTo(dt);
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

    private static Tensor wide(Tensor t, boolean widen) {
        return widen && t != null && t.dtype().isFloating() ? t.castTo(DType.FLOAT64) : t;
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }
}
