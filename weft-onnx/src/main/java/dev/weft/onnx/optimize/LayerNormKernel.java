package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Normalization;
import java.util.List;

/**
 * A layer normalization written out as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div (then
 * Mul by gamma and Add of beta), optionally after the residual Add that feeds it, as one kernel
 * ({@link Normalization#layerNormLastAxis}). Inputs: x, or the residual Add's two operands.
 *
 * <p>The graph reduces over {@code axis} as written (-1 as {@link PatternFusion} matches it); the
 * fast path runs when that is the last axis of a float32 input with equal-shaped residual operands and gamma/beta as long as the last axis,
 * and the {@link Replay} of the original nodes runs otherwise, so results never depend on which.
 */
record LayerNormKernel(long axis, float epsilon, float[] gamma, float[] beta, boolean residual, Replay original)
        implements SingleKernel {
    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor x = in.get(0), r = residual ? in.get(1) : null;
        if (fast(x, r)) return Normalization.layerNormLastAxis(x, r, gamma, beta, epsilon);
        return original.run(in);
    }

    private boolean fast(Tensor x, Tensor r) {
        int rank = x.rank();
        if (x.dtype() != DType.FLOAT32 || rank == 0 || (axis < 0 ? axis + rank : axis) != rank - 1) return false;
        if (r != null && (r.dtype() != DType.FLOAT32 || !r.shape().equals(x.shape()))) return false;
        int c = x.shape().dim(-1);
        return (gamma == null || gamma.length == c) && (beta == null || beta.length == c);
    }
}
