package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The ai.onnx.preview.training optimizers: Adagrad, Momentum (standard and Nesterov), Adam. */
final class TrainingOps {
    private TrainingOps() {}

    private static final String DOMAIN = "ai.onnx.preview.training";

    static void register(OpRegistry r) {
        r.add(DOMAIN, "Adagrad", 1, c -> {
            double decay = c.attrFloat("decay_factor", 0f), eps = c.attrFloat("epsilon", 1e-6f), norm = c.attrFloat("norm_coefficient", 0f);
            return c.op(in -> {
                int n = (in.size() - 2) / 3;
                double lr = in.get(0).getDouble(0) / (1 + in.get(1).getDouble(0) * decay);
                List<Tensor> xs = new ArrayList<>(), hs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    Tensor x = in.get(2 + k), g = in.get(2 + n + k), h = in.get(2 + 2 * n + k);
                    Tensor xn = Tensor.zeros(x.dtype(), x.shape()), hn = Tensor.zeros(h.dtype(), h.shape());
                    for (int i = 0; i < x.size(); i++) {
                        double gr = norm * x.getDouble(i) + g.getDouble(i);
                        double hv = h.getDouble(i) + gr * gr;
                        hn.setDouble(i, hv);
                        xn.setDouble(i, x.getDouble(i) - lr * gr / (Math.sqrt(hv) + eps));
                    }
                    xs.add(xn);
                    hs.add(hn);
                }
                xs.addAll(hs);
                return xs;
            }, DTypeRule.ofInput(2));
        });
        r.add(DOMAIN, "Momentum", 1, c -> {
            double alpha = c.attrFloat("alpha", 0f), beta = c.attrFloat("beta", 0f), norm = c.attrFloat("norm_coefficient", 0f);
            boolean nesterov = c.attrString("mode", "standard").equals("nesterov");
            return c.op(in -> {
                int n = (in.size() - 2) / 3;
                double lr = in.get(0).getDouble(0);
                double b = in.get(1).getLong(0) > 0 ? beta : 1;
                List<Tensor> xs = new ArrayList<>(), vs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    Tensor x = in.get(2 + k), g = in.get(2 + n + k), v = in.get(2 + 2 * n + k);
                    Tensor xn = Tensor.zeros(x.dtype(), x.shape()), vn = Tensor.zeros(v.dtype(), v.shape());
                    for (int i = 0; i < x.size(); i++) {
                        double gr = norm * x.getDouble(i) + g.getDouble(i);
                        double vv = alpha * v.getDouble(i) + b * gr;
                        vn.setDouble(i, vv);
                        xn.setDouble(i, x.getDouble(i) - lr * (nesterov ? gr + alpha * vv : vv));
                    }
                    xs.add(xn);
                    vs.add(vn);
                }
                xs.addAll(vs);
                return xs;
            }, DTypeRule.ofInput(2));
        });
        r.add(DOMAIN, "Adam", 1, c -> {
            double alpha = c.attrFloat("alpha", 0.9f), beta = c.attrFloat("beta", 0.999f), eps = c.attrFloat("epsilon", 1e-6f);
            double norm = c.attrFloat("norm_coefficient", 0f), post = c.attrFloat("norm_coefficient_post", 0f);
            return c.op(in -> {
                int n = (in.size() - 2) / 4;
                double lr = in.get(0).getDouble(0);
                long t = in.get(1).getLong(0);
                double lrAdj = t > 0 ? lr * Math.sqrt(1 - Math.pow(beta, t)) / (1 - Math.pow(alpha, t)) : lr;
                List<Tensor> xs = new ArrayList<>(), vs = new ArrayList<>(), hs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    Tensor x = in.get(2 + k), g = in.get(2 + n + k), v = in.get(2 + 2 * n + k), h = in.get(2 + 3 * n + k);
                    Tensor xn = Tensor.zeros(x.dtype(), x.shape()), vn = Tensor.zeros(v.dtype(), v.shape()),
                            hn = Tensor.zeros(h.dtype(), h.shape());
                    for (int i = 0; i < x.size(); i++) {
                        double gr = norm * x.getDouble(i) + g.getDouble(i);
                        double vv = alpha * v.getDouble(i) + (1 - alpha) * gr;
                        double hv = beta * h.getDouble(i) + (1 - beta) * gr * gr;
                        vn.setDouble(i, vv);
                        hn.setDouble(i, hv);
                        double xv = x.getDouble(i) - lrAdj * vv / (Math.sqrt(hv) + eps);
                        xn.setDouble(i, (1 - post) * xv);
                    }
                    xs.add(xn);
                    vs.add(vn);
                    hs.add(hn);
                }
                xs.addAll(vs);
                xs.addAll(hs);
                return xs;
            }, DTypeRule.ofInput(2));
        });
    }
}
