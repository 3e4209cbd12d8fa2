package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Activations;
import java.util.List;

/**
 * The exact GELU written out as Div by √2 (or Mul by 1/√2), Erf, Add 1, Mul by x and Mul by ½, as
 * one kernel ({@link Activations#geluInto}). Input: x. Float32 inputs whose rank is at least that
 * of every absorbed constant take the fast path (a constant of higher rank would have broadcast
 * the result up); anything else runs the {@link Replay} of the original nodes.
 */
record GeluKernel(int constantRank, Replay original) implements SingleKernel {
    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.dtype() != DType.FLOAT32 || x.rank() < constantRank) return original.run(in);
        return Activations.geluInto(x, Tensor.uninitialized(DType.FLOAT32, x.shape()));
    }

    /** GELU of y, written over y when the fast path applies (y must be a fresh tensor nobody else holds). */
    Tensor applyInPlace(Tensor y) {
        if (y.dtype() != DType.FLOAT32 || y.rank() < constantRank) return original.run(List.of(y));
        return Activations.geluInto(y, y);
    }
}
