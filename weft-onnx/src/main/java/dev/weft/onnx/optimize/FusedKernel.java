package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.Kernel;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * A producer kernel (Conv, Gemm, MatMul) followed by epilogues. The fused node's inputs are the
 * producer's {@code baseInputs} inputs, then the epilogues' extra inputs (a residual operand).
 */
record FusedKernel(Kernel base, int baseInputs, List<Epilogue> epilogues) implements Kernel {
    @Override
    public List<Tensor> apply(List<Tensor> inputs) {
        Tensor y = base.apply(inputs.subList(0, baseInputs)).getFirst();
        for (Epilogue e : epilogues) y = e.apply(y, inputs);
        return List.of(y);
    }
}
