package dev.weft.train.optim;

import dev.weft.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/** Adam (Kingma and Ba, 2015) with bias correction. */
public final class Adam implements Optimizer {
    private final double lr, beta1, beta2, eps;
    private final Map<String, double[][]> moments = new HashMap<>();
    private long step = 1;

    public Adam(double lr) { this(lr, 0.9, 0.999, 1e-8); }

    public Adam(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public void update(String name, Tensor param, Tensor grad) {
        Optimizer.check(name, param, grad);
        int n = param.size();
        double[][] mv = moments.computeIfAbsent(name, k -> new double[][] {new double[n], new double[n]});
        double[] m = mv[0], v = mv[1];
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        Optimizer.apply(param, grad, (i, p, g) -> {
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            return p - lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        });
    }

    @Override
    public void endStep() { step++; }
}
