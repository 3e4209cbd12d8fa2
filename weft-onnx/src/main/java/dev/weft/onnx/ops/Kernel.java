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

    /** The first output of {@code kernel}, without a result list when it is a {@link SingleKernel}. */
    static Tensor first(Kernel kernel, List<Tensor> inputs) {
        return kernel instanceof SingleKernel k ? k.compute(inputs) : kernel.apply(inputs).getFirst();
    }

    /** A kernel with one output, returned without a list (see {@link SingleKernel}). */
    static SingleKernel single(java.util.function.Function<List<Tensor>, Tensor> f) {
        return f::apply;
    }
}
