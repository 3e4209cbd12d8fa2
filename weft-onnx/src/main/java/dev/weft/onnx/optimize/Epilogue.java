package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.ClampFusable;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;
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

    /** y + inputs[index] (a residual connection), in place when the other operand broadcasts to y. */
    record AddInput(int index) implements Epilogue {
        @Override public String name() { return "Add"; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) {
            Tensor other = inputs.get(index);
            if (other.dtype() == y.dtype() && other.shape().broadcastsTo(y.shape())) return Binary.into(BinaryOp.ADD, y, other, y);
            return Binary.apply(BinaryOp.ADD, y, other);
        }
    }

    /** The exact GELU of a fused {@link GeluKernel}, in place. */
    record Gelu(GeluKernel kernel) implements Epilogue {
        @Override public String name() { return "Gelu"; }

        @Override
        public Tensor apply(Tensor y, List<Tensor> inputs) { return kernel.applyInPlace(y); }
    }
}
