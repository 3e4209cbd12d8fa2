package dev.weft.train.optim;

import dev.weft.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum: {@code v = momentum*v + g; p -= lr*v}
 * (PyTorch's formulation, without dampening or Nesterov).
 */
public final class Sgd implements Optimizer {
    private final double lr;
    private final double momentum;
    private final Map<String, double[]> velocity = new HashMap<>();

    public Sgd(double lr, double momentum) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void update(String name, Tensor param, Tensor grad) {
        Optimizer.check(name, param, grad);
        int n = param.size();
        if (momentum == 0) {
            Optimizer.apply(param, grad, (i, p, g) -> p - lr * g);
            return;
        }
        double[] v = velocity.computeIfAbsent(name, k -> new double[n]);
        Optimizer.apply(param, grad, (i, p, g) -> {
            v[i] = momentum * v[i] + g;
            return p - lr * v[i];
        });
    }
}
