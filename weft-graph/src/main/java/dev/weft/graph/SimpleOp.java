package dev.weft.graph;

import dev.weft.tensor.Tensor;
import java.util.List;

/** An {@link Op} with exactly one output; implement {@link #inferType} and {@link #compute}. */
public interface SimpleOp extends Op {
    /** The type of the single output. */
    TensorType inferType(List<TensorType> inputs);

    /** The single output. */
    Tensor compute(List<Tensor> inputs);

    @Override
    default List<TensorType> inferTypes(List<TensorType> inputs) { return List.of(inferType(inputs)); }

    @Override
    default List<Tensor> apply(List<Tensor> inputs) { return List.of(compute(inputs)); }

    /** Fails with "expected N inputs" unless exactly {@code n} were given; for use in {@link #inferType}. */
    static void requireArity(Op op, List<?> inputs, int n) {
        if (inputs.size() != n) {
            throw new IllegalArgumentException(op.name() + " takes " + n + " input" + (n == 1 ? "" : "s")
                    + ", got " + inputs.size());
        }
    }
}
