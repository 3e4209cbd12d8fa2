package dev.weft.train.optim;

import dev.weft.tensor.Tensor;

/**
 * Updates parameters in place from their gradients. An optimizer keeps per-parameter state (moments)
 * keyed by parameter name, so one instance serves one model.
 *
 * <p>Parameters and gradients must be contiguous float32 or float64 tensors of equal shape. Not
 * thread-safe: call from the training loop only, between runs of the machine (the next run's
 * threads start after the update, so they see it).
 */
public sealed interface Optimizer permits Sgd, Adam, RmsProp {
    /** Applies one update to {@code param} using {@code grad}. */
    void update(String name, Tensor param, Tensor grad);

    /** Called once after all parameters of a step were updated (advances step counters). */
    default void endStep() {}

    /** Checks that a parameter and its gradient can be updated together. */
    static void check(String name, Tensor param, Tensor grad) {
        if (!param.shape().equals(grad.shape()) || param.dtype() != grad.dtype()) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + param.dtype() + param.shape()
                    + " but its gradient is " + grad.dtype() + grad.shape());
        }
        if (!param.dtype().isFloating() || !param.isContiguous()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a contiguous floating-point tensor");
        }
    }

    /** The new value of element {@code i} of a parameter, given its current value and gradient. */
    @FunctionalInterface
    interface Rule {
        double next(int i, double param, double grad);
    }

    /**
     * Applies {@code rule} to every element of a contiguous parameter, in place. float32 and
     * float64 run on their arrays directly; other floating types go through the generic accessors.
     */
    static void apply(Tensor param, Tensor grad, Rule rule) {
        int n = param.size(), po = param.offset();
        Tensor g = grad.contiguous();
        int go = g.offset();
        switch (param.dtype()) {
            case FLOAT32 -> {
                float[] p = param.floatData(), d = g.floatData();
                for (int i = 0; i < n; i++) p[po + i] = (float) rule.next(i, p[po + i], d[go + i]);
            }
            case FLOAT64 -> {
                double[] p = param.doubleData(), d = g.doubleData();
                for (int i = 0; i < n; i++) p[po + i] = rule.next(i, p[po + i], d[go + i]);
            }
            default -> {
                for (int i = 0; i < n; i++) param.writeDouble(po + i, rule.next(i, param.readDouble(po + i), g.readDouble(go + i)));
            }
        }
    }
}
