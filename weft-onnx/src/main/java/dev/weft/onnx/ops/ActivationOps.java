package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;

/** Activation functions and the softmax family (with the opset-13 change from 2-D coercion to one axis). */
final class ActivationOps {
    private ActivationOps() {}

    static void register(OpRegistry r) {
        act(r, "Relu", c -> x -> x > 0 ? x : 0.0);
        act(r, "Sigmoid", c -> x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
        act(r, "Tanh", c -> Math::tanh);
        act(r, "LeakyRelu", c -> {
            double a = c.attrFloat("alpha", 0.01f);
            return x -> x >= 0 ? x : a * x;
        });
        act(r, "Elu", c -> {
            double a = c.attrFloat("alpha", 1f);
            return x -> x >= 0 ? x : a * (Math.exp(x) - 1);
        });
        act(r, "Selu", c -> {
            double a = c.attrFloat("alpha", 1.67326319217681884765625f), g = c.attrFloat("gamma", 1.05070102214813232421875f);
            return x -> x > 0 ? g * x : g * (a * Math.exp(x) - a);
        });
        act(r, "Celu", c -> {
            double a = c.attrFloat("alpha", 1f);
            return x -> Math.max(0, x) + Math.min(0, a * (Math.exp(x / a) - 1));
        });
        act(r, "HardSigmoid", c -> {
            double a = c.attrFloat("alpha", 0.2f), b = c.attrFloat("beta", 0.5f);
            return x -> Math.max(0, Math.min(1, a * x + b));
        });
        act(r, "HardSwish", c -> x -> x * Math.max(0, Math.min(1, x / 6 + 0.5)));
        act(r, "Softplus", c -> x -> x > 30 ? x : Math.log1p(Math.exp(x)));
        act(r, "Softsign", c -> x -> x / (1 + Math.abs(x)));
        act(r, "Mish", c -> x -> x * Math.tanh(x > 30 ? x : Math.log1p(Math.exp(x))));
        act(r, "ThresholdedRelu", c -> {
            double a = c.attrFloat("alpha", 1f);
            return x -> x > a ? x : 0;
        });
        act(r, "Shrink", c -> {
            double b = c.attrFloat("bias", 0f), l = c.attrFloat("lambd", 0.5f);
            return x -> x < -l ? x + b : x > l ? x - b : 0;
        });
        act(r, "Swish", c -> {
            double a = c.attrFloat("alpha", 1f);
            return x -> x / (1 + Math.exp(-a * x));
        });
        act(r, "Gelu", c -> {
            if (c.attrString("approximate", "none").equals("tanh")) {
                double k = Math.sqrt(2 / Math.PI);
                return x -> 0.5 * x * (1 + Math.tanh(k * (x + 0.044715 * x * x * x)));
            }
            return x -> 0.5 * x * (1 + MathOps.erf(x / Math.sqrt(2)));
        });

        for (String name : new String[] {"Softmax", "LogSoftmax", "Hardmax"}) {
            r.add(name, 1, c -> {
                int axis = c.attrIntExact("axis", 1);
                return c.op(Kernel.single(in -> {
                    Tensor x = in.get(0);
                    int a = Indexing.axis(axis, x.rank());
                    int outer = 1;
                    for (int i = 0; i < a; i++) outer *= x.shape().dim(i);
                    Tensor flat = x.reshape(outer, outer == 0 ? 0 : x.size() / Math.max(outer, 1));
                    return softmax(name, flat, 1).reshape(x.shape());
                }));
            });
            r.add(name, 13, c -> {
                int axis = c.attrIntExact("axis", -1);
                return c.op(Kernel.single(in -> softmax(name, in.get(0), Indexing.axis(axis, in.get(0).rank()))));
            });
        }
    }

    private interface ActFactory {
        DoubleUnaryOperator make(OpContext c);
    }

    private static void act(OpRegistry r, String name, ActFactory f) {
        r.add(name, 1, c -> {
            DoubleUnaryOperator fn = f.make(c);
            return c.op(Kernel.single(in -> Maps.unary(in.get(0), in.get(0).dtype(), fn, null)));
        });
    }

    /** Softmax, log-softmax or hardmax along one axis. */
    static Tensor softmax(String kind, Tensor x, int axis) {
        Tensor c = x.contiguous();
        int[] dims = c.shape().dims();
        int n = dims.length == 0 ? 1 : dims[axis];
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) inner *= dims[i];
        int outer = n == 0 || inner == 0 ? 0 : c.size() / (n * inner);
        Tensor out = Tensor.zeros(c.dtype(), c.shape());
        boolean f32 = Indexing.isF32(c);
        float[] cf = f32 ? c.floatData() : null, of = f32 ? out.floatData() : null;
        double[] row = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int k = 0; k < n; k++) {
                    row[k] = f32 ? cf[base + k * inner] : c.getDouble(base + k * inner);
                    if (row[k] > max) { max = row[k]; arg = k; }
                }
                double sum = 0;
                if (!kind.equals("Hardmax")) for (int k = 0; k < n; k++) sum += Math.exp(row[k] - max);
                for (int k = 0; k < n; k++) {
                    double v = switch (kind) {
                        case "Softmax" -> Math.exp(row[k] - max) / sum;
                        case "LogSoftmax" -> row[k] - max - Math.log(sum);
                        default -> k == arg ? 1 : 0;
                    };
                    if (f32) of[base + k * inner] = (float) v;
                    else out.setDouble(base + k * inner, v);
                }
            }
        }
        return out;
    }
}
