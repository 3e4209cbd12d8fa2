package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.ClampFusable;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;
import dev.weft.tensor.ops.simd.FloatBinary;
import dev.weft.tensor.ops.simd.FloatSimd;
import java.util.List;

/**
 * A cheap elementwise step fused onto the output of a Conv, Gemm or MatMul. It works in place on
 * that output, which the producing kernel has just allocated and nobody else has seen, so the fused
 * node saves the intermediate tensor, a pass over memory and a hand-off between vertices.
 */
sealed interface Epilogue {
    /** The op type shown in the fused node's name, e.g. {@code Relu}. */
    String name();

    /** Applies the step to {@code y} (in place when it can) given all the fused node's inputs. */
    Tensor apply(Tensor y, List<Tensor> inputs);

    /** The step as a clamp a producer can apply as it stores ({@link ClampFusable}), or null. */
    default Clamp asClamp() { return null; }

    /** max(y, 0). */
    record Relu() implements Epilogue {
        @Override public String name() { return "Relu"; }

        @Override public Clamp asClamp() { return Clamp.RELU; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) { return Unary.into(UnaryOp.RELU, y, y); }
    }

    /** min(max(y, lo), hi); NaN stays NaN. */
    record Clip(float lo, float hi) implements Epilogue {
        @Override public String name() { return "Clip"; }

        /** None when lo > hi (ONNX then outputs hi everywhere, which a clamp record cannot say). */
        @Override public Clamp asClamp() { return lo <= hi && !Float.isNaN(lo) && !Float.isNaN(hi) ? new Clamp(lo, hi) : null; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) {
            // In place: the vector path of Activations.clip, elementwise at equal positions.
            return Activations.clipInto(y, lo, hi, y);
        }
    }

    /**
     * y + inputs[index] (a bias or a residual connection), in place when the other operand
     * broadcasts to y, then clamped by {@code then} when not null (a Relu or Clip after a residual
     * Add: ResNet's blocks end with one). A float32 operand of y's shape, or one row as long as y's
     * last axis, is added (and the sum clamped) by one loop over rows that allocates nothing, instead
     * of a pass for the Add and another for the clamp.
     */
    record AddInput(int index, Clamp then) implements Epilogue {
        AddInput(int index) { this(index, null); }

        @Override public String name() { return "Add"; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) {
            Tensor other = inputs.get(index);
            if (addRows(y, other, then)) return y;
            Tensor sum = other.dtype() == y.dtype() && other.shape().broadcastsTo(y.shape())
                    ? Binary.into(BinaryOp.ADD, y, other, y) : Binary.apply(BinaryOp.ADD, y, other);
            return then == null ? sum : Activations.clipInto(sum, then.lo(), then.hi(), sum);
        }

        /**
         * y = clamp(y + other) when both are contiguous float32 and other is y-shaped or one row of y;
         * false if not. A null clamp adds only.
         */
        private static boolean addRows(Tensor y, Tensor other, Clamp clamp) {
            if (y.dtype() != DType.FLOAT32 || other.dtype() != DType.FLOAT32 || !y.isContiguous() || !other.isContiguous()
                    || y.rank() == 0 || other.rank() > y.rank()) {
                return false;
            }
            int n = y.size(), c = y.shape().dim(-1), len = other.size();
            boolean whole = other.shape().equals(y.shape());
            if (!whole && !(len == c && other.rank() >= 1 && other.shape().dim(-1) == c)) return false;
            if (len == 0) return true;
            float[] yd = y.floatData(), od = other.floatData();
            int yo = y.offset(), oo = other.offset();
            boolean simd = VectorSupport.enabled();
            for (int row = 0; row < n; row += len) {
                int at = yo + row;
                if (clamp == null) {
                    int done = simd ? FloatBinary.binary(BinaryOp.ADD, yd, at, od, oo, yd, at, len) : 0;
                    for (int i = done; i < len; i++) yd[at + i] += od[oo + i];
                } else {
                    int done = simd ? FloatSimd.addClamp(yd, at, od, oo, clamp.lo(), clamp.hi(), yd, at, len) : 0;
                    for (int i = done; i < len; i++) yd[at + i] = clamp.apply(yd[at + i] + od[oo + i]);
                }
            }
            return true;
        }
    }

    /** The exact GELU of a fused {@link GeluKernel}, in place. */
    record Gelu(GeluKernel kernel) implements Epilogue {
        @Override public String name() { return "Gelu"; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) { return kernel.applyInPlace(y); }
    }
}
