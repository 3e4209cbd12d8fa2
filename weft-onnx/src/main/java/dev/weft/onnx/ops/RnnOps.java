package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * RNN, GRU and LSTM (forward, reverse, bidirectional; layout 0 and 1; sequence lengths; clip;
 * peepholes; GRU's linear_before_reset). Gate order follows ONNX: LSTM i,o,f,c; GRU z,r,h.
 */
final class RnnOps {
    private RnnOps() {}

    private enum Cell { RNN, GRU, LSTM }

    private record Attrs(Cell cell, int hidden, String direction, int layout, double clip, boolean linearBeforeReset,
                         boolean inputForget, List<String> acts, float[] alpha, float[] beta) {}

    static void register(OpRegistry r) {
        for (Cell cell : Cell.values()) {
            String name = switch (cell) { case RNN -> "RNN"; case GRU -> "GRU"; case LSTM -> "LSTM"; };
            r.add(name, 7, c -> {
                List<String> acts = new ArrayList<>();
                var a = c.node().attribute("activations");
                if (a != null) for (var s : a.strings()) acts.add(s.toStringUtf8());
                Attrs at = new Attrs(cell, c.attrIntExact("hidden_size", 0), c.attrString("direction", "forward"),
                        c.attrIntExact("layout", 0), c.has("clip") ? c.attrFloat("clip", 0) : Double.POSITIVE_INFINITY,
                        c.attrInt("linear_before_reset", 0) != 0, c.attrInt("input_forget", 0) != 0, acts,
                        c.attrFloats("activation_alpha"), c.attrFloats("activation_beta"));
                return c.op(in -> run(in, at));
            });
        }
    }

    private static DoubleUnaryOperator act(String name, float[] alpha, float[] beta, int k) {
        double a = alpha != null && alpha.length > k ? alpha[k] : Double.NaN, b = beta != null && beta.length > k ? beta[k] : Double.NaN;
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "relu" -> x -> Math.max(0, x);
            case "tanh" -> Math::tanh;
            case "sigmoid" -> x -> 1 / (1 + Math.exp(-x));
            case "affine" -> x -> a * x + b;
            case "leakyrelu" -> x -> x >= 0 ? x : (Double.isNaN(a) ? 0.01 : a) * x;
            case "thresholdedrelu" -> x -> x > (Double.isNaN(a) ? 1 : a) ? x : 0;
            case "scaledtanh" -> x -> a * Math.tanh(b * x);
            case "hardsigmoid" -> x -> Math.max(0, Math.min(1, (Double.isNaN(a) ? 0.2 : a) * x + (Double.isNaN(b) ? 0.5 : b)));
            case "elu" -> x -> x >= 0 ? x : (Double.isNaN(a) ? 1 : a) * (Math.exp(x) - 1);
            case "softsign" -> x -> x / (1 + Math.abs(x));
            case "softplus" -> x -> Math.log1p(Math.exp(x));
            default -> throw new dev.weft.onnx.UnsupportedOnnxException("unsupported: RNN activation " + name);
        };
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }

    static List<Tensor> run(List<Tensor> in, Attrs a) {
        Tensor x = in.get(0).castTo(DType.FLOAT64);
        if (a.layout() == 1) x = x.transpose(1, 0, 2);
        x = x.contiguous();
        Tensor w = in.get(1).castTo(DType.FLOAT64).contiguous(), rr = in.get(2).castTo(DType.FLOAT64).contiguous();
        Tensor bias = opt(in, 3), lens = opt(in, 4), h0 = opt(in, 5), c0 = opt(in, 6), peep = opt(in, 7);
        if (h0 != null && a.layout() == 1) h0 = h0.transpose(1, 0, 2);
        if (c0 != null && a.layout() == 1) c0 = c0.transpose(1, 0, 2);
        int seq = x.shape().dim(0), batch = x.shape().dim(1), inSize = x.shape().dim(2), hs = a.hidden();
        int dirs = a.direction().equals("bidirectional") ? 2 : 1;
        int gates = switch (a.cell()) { case RNN -> 1; case GRU -> 3; case LSTM -> 4; };
        int actsPerDir = switch (a.cell()) { case RNN -> 1; case GRU -> 2; case LSTM -> 3; };
        double[] y = new double[seq * dirs * batch * hs];
        double[] yh = new double[dirs * batch * hs], yc = new double[dirs * batch * hs];
        for (int d = 0; d < dirs; d++) {
            boolean reverse = a.direction().equals("reverse") || d == 1;
            DoubleUnaryOperator[] f = new DoubleUnaryOperator[actsPerDir];
            String[] defaults = switch (a.cell()) {
                case RNN -> new String[] {"Tanh"};
                case GRU -> new String[] {"Sigmoid", "Tanh"};
                case LSTM -> new String[] {"Sigmoid", "Tanh", "Tanh"};
            };
            for (int k = 0; k < actsPerDir; k++) {
                int idx = d * actsPerDir + k;
                String nm = a.acts().size() > idx ? a.acts().get(idx) : defaults[k];
                f[k] = act(nm, a.alpha(), a.beta(), idx);
            }
            for (int b = 0; b < batch; b++) {
                int len = lens == null ? seq : (int) lens.getLong(b);
                double[] h = new double[hs], cs = new double[hs];
                for (int j = 0; j < hs; j++) {
                    h[j] = h0 == null ? 0 : h0.getDouble((d * batch + b) * hs + j);
                    cs[j] = c0 == null ? 0 : c0.getDouble((d * batch + b) * hs + j);
                }
                for (int step = 0; step < len; step++) {
                    int t = reverse ? len - 1 - step : step;
                    double[] xw = new double[gates * hs], hr = new double[gates * hs];
                    for (int g = 0; g < gates * hs; g++) {
                        double s = 0;
                        for (int k = 0; k < inSize; k++) s += w.getDouble((d * gates * hs + g) * inSize + k) * x.getDouble((t * batch + b) * inSize + k);
                        double r = 0;
                        for (int k = 0; k < hs; k++) r += rr.getDouble((d * gates * hs + g) * hs + k) * h[k];
                        if (bias != null) {
                            s += bias.getDouble(d * 2 * gates * hs + g);
                            r += bias.getDouble(d * 2 * gates * hs + gates * hs + g);
                        }
                        xw[g] = s;
                        hr[g] = r;
                    }
                    double[] nh = new double[hs];
                    switch (a.cell()) {
                        case RNN -> { for (int j = 0; j < hs; j++) nh[j] = f[0].applyAsDouble(clip(xw[j] + hr[j], a.clip())); }
                        case GRU -> {
                            for (int j = 0; j < hs; j++) {
                                double z = f[0].applyAsDouble(clip(xw[j] + hr[j], a.clip()));
                                double rg = f[0].applyAsDouble(clip(xw[hs + j] + hr[hs + j], a.clip()));
                                double hh;
                                if (a.linearBeforeReset()) {
                                    hh = f[1].applyAsDouble(clip(xw[2 * hs + j] + rg * hr[2 * hs + j], a.clip()));
                                } else {
                                    double s = 0;
                                    for (int k = 0; k < hs; k++) s += rr.getDouble((d * gates * hs + 2 * hs + j) * hs + k) * (rg * h[k]);
                                    if (bias != null) s += bias.getDouble(d * 2 * gates * hs + gates * hs + 2 * hs + j);
                                    hh = f[1].applyAsDouble(clip(xw[2 * hs + j] + s, a.clip()));
                                }
                                nh[j] = (1 - z) * hh + z * h[j];
                            }
                        }
                        case LSTM -> {
                            double[] nc = new double[hs];
                            for (int j = 0; j < hs; j++) {
                                double pi = peep == null ? 0 : peep.getDouble(d * 3 * hs + j);
                                double po = peep == null ? 0 : peep.getDouble(d * 3 * hs + hs + j);
                                double pf = peep == null ? 0 : peep.getDouble(d * 3 * hs + 2 * hs + j);
                                double ig = f[0].applyAsDouble(clip(xw[j] + hr[j] + pi * cs[j], a.clip()));
                                double fg = f[0].applyAsDouble(clip(xw[2 * hs + j] + hr[2 * hs + j] + pf * cs[j], a.clip()));
                                if (a.inputForget()) fg = 1 - ig;
                                double cg = f[1].applyAsDouble(clip(xw[3 * hs + j] + hr[3 * hs + j], a.clip()));
                                nc[j] = fg * cs[j] + ig * cg;
                                double og = f[0].applyAsDouble(clip(xw[hs + j] + hr[hs + j] + po * nc[j], a.clip()));
                                nh[j] = og * f[2].applyAsDouble(nc[j]);
                            }
                            cs = nc;
                        }
                    }
                    h = nh;
                    for (int j = 0; j < hs; j++) y[((t * dirs + d) * batch + b) * hs + j] = h[j];
                }
                for (int j = 0; j < hs; j++) {
                    yh[(d * batch + b) * hs + j] = h[j];
                    yc[(d * batch + b) * hs + j] = cs[j];
                }
            }
        }
        DType dt = in.get(0).dtype();
        Tensor yt = Tensor.of(y, seq, dirs, batch, hs), yht = Tensor.of(yh, dirs, batch, hs), yct = Tensor.of(yc, dirs, batch, hs);
        if (a.layout() == 1) {
            yt = yt.transpose(2, 0, 1, 3).contiguous();
            yht = yht.transpose(1, 0, 2).contiguous();
            yct = yct.transpose(1, 0, 2).contiguous();
        }
        List<Tensor> out = new ArrayList<>(List.of(yt.castTo(dt), yht.castTo(dt)));
        if (a.cell() == Cell.LSTM) out.add(yct.castTo(dt));
        return out;
    }

    private static double clip(double v, double c) { return Math.max(-c, Math.min(c, v)); }

}
