package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Softmax;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;
import java.util.function.Function;

/**
 * Activation functions and the softmax family, as thin mappings onto {@link Unary},
 * {@link Activations} and {@link Softmax}: this class reads the ONNX attributes (with their ONNX
 * defaults) and picks the opset-13 change from 2-D coercion to one axis.
 */
final class ActivationOps {
    private ActivationOps() {}

    static void register(OpRegistry r) {
        act(r, "Relu", c -> x -> Unary.apply(UnaryOp.RELU, x));
        act(r, "Sigmoid", c -> x -> Unary.apply(UnaryOp.SIGMOID, x));
        act(r, "Tanh", c -> x -> Unary.apply(UnaryOp.TANH, x));
        act(r, "HardSwish", c -> x -> Unary.apply(UnaryOp.HARDSWISH, x));
        act(r, "Softplus", c -> x -> Unary.apply(UnaryOp.SOFTPLUS, x));
        act(r, "Softsign", c -> x -> Unary.apply(UnaryOp.SOFTSIGN, x));
        act(r, "Mish", c -> x -> Unary.apply(UnaryOp.MISH, x));
        withAlpha(r, "LeakyRelu", 0.01f, Activations::leakyRelu);
        withAlpha(r, "Elu", 1f, Activations::elu);
        withAlpha(r, "Celu", 1f, Activations::celu);
        withAlpha(r, "ThresholdedRelu", 1f, Activations::thresholdedRelu);
        withAlpha(r, "Swish", 1f, Activations::swish);
        act(r, "Selu", c -> {
            double a = c.attrFloat("alpha", 1.67326319217681884765625f), g = c.attrFloat("gamma", 1.05070102214813232421875f);
            return x -> Activations.selu(x, a, g);
        });
        act(r, "HardSigmoid", c -> {
            double a = c.attrFloat("alpha", 0.2f), b = c.attrFloat("beta", 0.5f);
            return x -> Activations.hardSigmoid(x, a, b);
        });
        act(r, "Shrink", c -> {
            double b = c.attrFloat("bias", 0f), l = c.attrFloat("lambd", 0.5f);
            return x -> Activations.shrink(x, b, l);
        });
        act(r, "Gelu", c -> {
            String approximate = c.attrString("approximate", "none");
            return x -> Activations.gelu(x, approximate);
        });

        r.add("Softmax", 1, c -> axisOp(c, 1, Softmax::softmaxCoerced2d));
        r.add("LogSoftmax", 1, c -> axisOp(c, 1, Softmax::logSoftmaxCoerced2d));
        r.add("Hardmax", 1, c -> axisOp(c, 1, ActivationOps::hardmaxCoerced2d));
        r.add("Softmax", 13, c -> axisOp(c, -1, Softmax::softmax));
        r.add("LogSoftmax", 13, c -> axisOp(c, -1, Softmax::logSoftmax));
        r.add("Hardmax", 13, c -> axisOp(c, -1, Softmax::hardmax));
    }

    private interface AxisFn {
        Tensor apply(Tensor x, int axis);
    }

    private static OnnxOp axisOp(OpContext c, int defaultAxis, AxisFn f) {
        int axis = c.attrIntExact("axis", defaultAxis);
        return c.op(Kernel.single(in -> f.apply(in.get(0), axis)));
    }

    /** Hardmax before opset 13: rows are the flattened dims from {@code axis} on. */
    private static Tensor hardmaxCoerced2d(Tensor x, int axis) {
        int a = Indexing.axis(axis, x.rank());
        int outer = 1;
        for (int i = 0; i < a; i++) outer *= x.shape().dim(i);
        Tensor flat = x.reshape(outer, outer == 0 ? 0 : x.size() / Math.max(outer, 1));
        return Softmax.hardmax(flat, 1).reshape(x.shape());
    }

    /** An activation with one float attribute, alpha, and its ONNX default. */
    private static void withAlpha(OpRegistry r, String name, float defaultAlpha, AlphaFn f) {
        act(r, name, c -> {
            double a = c.attrFloat("alpha", defaultAlpha);
            return x -> f.apply(x, a);
        });
    }

    private interface AlphaFn {
        Tensor apply(Tensor x, double alpha);
    }

    private interface ActFactory {
        Function<Tensor, Tensor> make(OpContext c);
    }

    private static void act(OpRegistry r, String name, ActFactory f) {
        r.add(name, 1, c -> {
            Function<Tensor, Tensor> fn = f.make(c);
            return c.op(Kernel.single(in -> fn.apply(in.get(0))));
        });
    }
}
