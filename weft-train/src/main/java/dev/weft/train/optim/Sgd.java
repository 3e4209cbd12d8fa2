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
        double[] v = momentum == 0 ? null : velocity.computeIfAbsent(name, k -> new double[n]);
        for (int i = 0; i < n; i++) {
            double g = Optimizer.get(grad, i);
            if (v != null) g = v[i] = momentum * v[i] + g;
            Optimizer.set(param, i, Optimizer.get(param, i) - lr * g);
        }
    }
}
