package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * A kernel with exactly one output, which it returns without a result list. Machines call
 * {@link #compute} for a one-output node, so a steady-state run allocates no list per node; the
 * same contract as {@link Kernel} holds otherwise (no mutable state visible to callers, safe to run
 * on several threads at once).
 */
@FunctionalInterface
public interface SingleKernel extends Kernel {
    /** The single output. */
    Tensor compute(List<Tensor> inputs);

    @Override
    default List<Tensor> apply(List<Tensor> inputs) { return List.of(compute(inputs)); }
}
