package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * The computation of one ONNX node with its attributes bound: a pure function from input tensors
 * (null for an absent optional input) to output tensors. Implementations keep no mutable state, so
 * one kernel may run on several threads at once.
 */
@FunctionalInterface
public interface Kernel {
    List<Tensor> apply(List<Tensor> inputs);

    /** A kernel with one output. */
    static Kernel single(java.util.function.Function<List<Tensor>, Tensor> f) {
        return in -> List.of(f.apply(in));
    }
}
