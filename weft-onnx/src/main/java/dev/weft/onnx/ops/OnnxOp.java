package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * One ONNX node as an op: its type, how many outputs it has, its kernel and its dtype rule.
 * Immutable; {@link #apply} may run concurrently.
 */
public record OnnxOp(String name, int outputCount, Kernel kernel, DTypeRule dtypes) {

    public List<Tensor> apply(List<Tensor> inputs) { return kernel.apply(inputs); }

    /**
     * The first output, without a result list when the kernel is a {@link SingleKernel}: how a
     * one-output node runs.
     */
    public Tensor applyFirst(List<Tensor> inputs) {
        return Kernel.first(kernel, inputs);
    }

    /** The output dtypes for the given input dtypes. */
    public List<DType> outputTypes(List<DType> inputs) {
        DType[] out = new DType[outputCount];
        for (int i = 0; i < outputCount; i++) out[i] = dtypes.outputType(i, inputs);
        return java.util.Arrays.asList(out);
    }
}
