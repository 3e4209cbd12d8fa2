package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import java.util.List;

/**
 * How an op's output dtypes follow from its input dtypes (null entries are absent inputs). Used
 * when the graph is built, before any data flows.
 */
@FunctionalInterface
public interface DTypeRule {
    DType outputType(int output, List<DType> inputs);

    /** Every output has the dtype of the first present input. */
    DTypeRule SAME = (o, in) -> {
        for (DType d : in) if (d != null) return d;
        return DType.FLOAT32;
    };

    /** Every output has one fixed dtype. */
    static DTypeRule fixed(DType d) { return (o, in) -> d; }

    /** Every output has the dtype of input {@code i}. */
    static DTypeRule ofInput(int i) { return (o, in) -> in.size() > i && in.get(i) != null ? in.get(i) : SAME.outputType(o, in); }
}
