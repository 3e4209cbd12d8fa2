package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.ClampFusable;
import dev.weft.onnx.ops.Kernel;
import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A producer kernel (Conv, Gemm, MatMul) followed by epilogues. The fused node's inputs are the
 * producer's {@code baseInputs} inputs, then the epilogues' extra inputs (a residual operand).
 */
record FusedKernel(Kernel base, int baseInputs, List<Epilogue> epilogues) implements SingleKernel {
    /**
     * The fused kernel, with a leading Relu or Clip handed to the producer when it can apply it as it
     * stores ({@link ClampFusable}); the other steps stay epilogues, in order, an Add followed by a
     * Relu or Clip made one step.
     */
    static FusedKernel of(Kernel base, int baseInputs, List<Epilogue> epilogues) {
        if (!epilogues.isEmpty() && base instanceof ClampFusable f) {
            Clamp c = epilogues.getFirst().asClamp();
            Kernel clamped = c == null ? null : f.withClamp(c);
            if (clamped != null) return new FusedKernel(clamped, baseInputs, addsThenClamps(epilogues.subList(1, epilogues.size())));
        }
        return new FusedKernel(base, baseInputs, addsThenClamps(epilogues));
    }

    /** The steps with each Add followed by a Relu or Clip made one step (one pass over y, not two). */
    private static List<Epilogue> addsThenClamps(List<Epilogue> steps) {
        List<Epilogue> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Epilogue e = steps.get(i);
            Clamp next = i + 1 < steps.size() ? steps.get(i + 1).asClamp() : null;
            if (e instanceof Epilogue.AddInput add && add.then() == null && next != null) {
                out.add(new Epilogue.AddInput(add.index(), next));
                i++;
            } else {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Tensor compute(List<Tensor> inputs) {
        Tensor y = Kernel.first(base, inputs.size() == baseInputs ? inputs : inputs.subList(0, baseInputs));
        for (int i = 0; i < epilogues.size(); i++) y = epilogues.get(i).apply(y, inputs); // indexed: no iterator per run
        return y;
    }
}
