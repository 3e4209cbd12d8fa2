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

    /** Element i of a contiguous tensor, as double. */
    static double get(Tensor t, int i) {
        return t.readDouble(t.offset() + i);
    }

    /** Sets element i of a contiguous tensor. */
    static void set(Tensor t, int i, double v) {
        t.writeDouble(t.offset() + i, v);
    }
}
