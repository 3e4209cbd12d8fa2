package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A compiled graph attribute (If branch, Loop/Scan body): run with its formal inputs and the
 * outer-scope values it reads, it returns its outputs in declared order. Thread-safe.
 */
public interface Subgraph {
    /** Names of values the body reads from enclosing scopes; the node feeds them as extra inputs. */
    List<String> outerNames();

    /** Number of declared outputs. */
    int outputCount();

    /** The declared output dtypes (an entry is null where the body does not declare it). */
    List<dev.weft.tensor.DType> outputTypes();

    /**
     * The output dtypes the body produces for these formal-input dtypes and outer-value dtypes,
     * found by running the ops' dtype rules through the body; declared types where that fails.
     */
    List<dev.weft.tensor.DType> inferOutputTypes(List<dev.weft.tensor.DType> formals,
                                                 Map<String, dev.weft.tensor.DType> outer);

    /** Runs the body. */
    List<Tensor> run(List<Tensor> formalInputs, Map<String, Tensor> outer);
}
