package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * LinearAttention: a recurrent state S (dk x dv per key/value head) updated token by token with
 * the linear, gated, delta or gated_delta rule, read out as {@code scale * q^T S}; grouped query
 * heads share their key/value head's state. Computed in double precision.
 */
final class LinearAttentionOps {
    private LinearAttentionOps() {}

    private record Attrs(int hq, int hkv, Double scale, String rule) {}

    static void register(OpRegistry r) {
        r.add("LinearAttention", 1, c -> {
            Attrs a = new Attrs(c.attrIntExact("q_num_heads", 1), c.attrIntExact("kv_num_heads", 1),
                    c.has("scale") ? (double) c.attrFloat("scale", 1f) : null, c.attrString("update_rule", "gated_delta"));
            return c.op(in -> run(in, a));
        });
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }

    static List<Tensor> run(List<Tensor> in, Attrs a) {
        Tensor q = in.get(0), k = in.get(1), v = in.get(2);
        Tensor past = opt(in, 3), decay = opt(in, 4), beta = opt(in, 5);
        int b = q.shape().dim(0), t = q.shape().dim(1);
        int dk = q.shape().dim(2) / a.hq(), dv = v.shape().dim(2) / a.hkv();
        int group = a.hq() / a.hkv();
        boolean gated = a.rule().startsWith("gated"), delta = a.rule().endsWith("delta");
        double scale = a.scale() != null ? a.scale() : 1 / Math.sqrt(dk);
        double[] s = new double[b * a.hkv() * dk * dv];
        if (past != null) for (int i = 0; i < s.length; i++) s[i] = past.getDouble(i);
        Tensor out = Tensor.zeros(q.dtype(), dev.weft.tensor.Shape.of(b, t, a.hq() * dv));
        int decayPerHead = decay == null ? 0 : decay.shape().dim(2) / a.hkv();
        int betaWidth = beta == null ? 0 : beta.shape().dim(2);
        double[] kk = new double[dk], retrieved = new double[dv];
        for (int ti = 0; ti < t; ti++) {
            for (int bi = 0; bi < b; bi++) {
                for (int h = 0; h < a.hkv(); h++) {
                    int base = (bi * a.hkv() + h) * dk * dv;
                    for (int i = 0; i < dk; i++) kk[i] = k.getDouble((bi * t + ti) * a.hkv() * dk + h * dk + i);
                    if (gated && decay != null) {
                        for (int i = 0; i < dk; i++) {
                            int di = decayPerHead == 1 ? 0 : i;
                            double g = Math.exp(decay.getDouble((bi * t + ti) * decay.shape().dim(2) + h * decayPerHead + di));
                            for (int j = 0; j < dv; j++) s[base + i * dv + j] *= g;
                        }
                    }
                    double bt = 1;
                    if (beta != null) bt = beta.getDouble((bi * t + ti) * betaWidth + (betaWidth == 1 ? 0 : h));
                    for (int j = 0; j < dv; j++) {
                        double vj = v.getDouble((bi * t + ti) * a.hkv() * dv + h * dv + j);
                        double w;
                        if (delta) {
                            double rr = 0;
                            for (int i = 0; i < dk; i++) rr += s[base + i * dv + j] * kk[i];
                            w = bt * (vj - rr);
                        } else {
                            w = vj;
                        }
                        retrieved[j] = w;
                    }
                    for (int i = 0; i < dk; i++) for (int j = 0; j < dv; j++) s[base + i * dv + j] += kk[i] * retrieved[j];
                    for (int gq = 0; gq < group; gq++) {
                        int hq = h * group + gq;
                        for (int j = 0; j < dv; j++) {
                            double o = 0;
                            for (int i = 0; i < dk; i++) {
                                o += q.getDouble((bi * t + ti) * a.hq() * dk + hq * dk + i) * s[base + i * dv + j];
                            }
                            out.setDouble((bi * t + ti) * a.hq() * dv + hq * dv + j, scale * o);
                        }
                    }
                }
            }
        }
        Tensor present = Tensor.of(s, b, a.hkv(), dk, dv).castTo(q.dtype());
        return List.of(out, present);
    }

}
