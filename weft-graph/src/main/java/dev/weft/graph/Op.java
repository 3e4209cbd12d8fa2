package dev.weft.graph;

import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * An operation: a pure function from input tensors to output tensors, plus the type rule that
 * lets a graph check it when the node is built.
 *
 * <p>Contract: {@link #apply} must not modify its inputs, must return {@link #outputCount()}
 * tensors whose types are compatible with what {@link #inferTypes} promised, and may be called
 * concurrently from several threads (machines run vertices in parallel), so an op holds no
 * mutable state. An absent optional input (ONNX allows them) is passed as {@code null}, both to
 * {@link #inferTypes} and to {@link #apply}.
 *
 * <p>Most ops have one output; implement {@link SimpleOp} for those.
 */
public interface Op {
    /** The op's type name, e.g. {@code Add} or {@code Conv}; shown in errors, DOT and traces. */
    String name();

    /** Number of outputs. */
    default int outputCount() { return 1; }

    /**
     * The output types for these input types.
     *
     * @throws IllegalArgumentException with a message saying which input is wrong and why; the
     *                                  graph prefixes it with the node's name
     */
    List<TensorType> inferTypes(List<TensorType> inputs);

    /** Computes the outputs. Exceptions are reported by machines with the node's name and this op. */
    List<Tensor> apply(List<Tensor> inputs);
}
