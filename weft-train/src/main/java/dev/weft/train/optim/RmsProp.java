package dev.weft.train.optim;

import dev.weft.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/** RMSProp: {@code s = decay*s + (1-decay)*g²; p -= lr*g/(sqrt(s)+eps)}. */
public final class RmsProp implements Optimizer {
    private final double lr, decay, eps;
    private final Map<String, double[]> square = new HashMap<>();

    public RmsProp(double lr) { this(lr, 0.99, 1e-8); }

    public RmsProp(double lr, double decay, double eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (decay < 0 || decay >= 1) throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        this.lr = lr;
        this.decay = decay;
        this.eps = eps;
    }

    @Override
    public void update(String name, Tensor param, Tensor grad) {
        Optimizer.check(name, param, grad);
        int n = param.size();
        double[] s = square.computeIfAbsent(name, k -> new double[n]);
        Optimizer.apply(param, grad, (i, p, g) -> {
            s[i] = decay * s[i] + (1 - decay) * g * g;
            return p - lr * g / (Math.sqrt(s[i]) + eps);
        });
    }
}
