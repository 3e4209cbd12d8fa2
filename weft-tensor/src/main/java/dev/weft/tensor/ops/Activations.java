package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatSimd;

/**
 * Elementwise activations with parameters, as ONNX defines them (parameter-free ones are in
 * {@link UnaryOp}). Each takes any floating dtype; {@link #clip} takes every numeric dtype and is
 * exact on integers. Results are new tensors unless the method ends in {@code Into}.
 */
public final class Activations {
    private Activations() {}

    /** ONNX Clip: {@code min(max(x, min), max)}; pass ±infinity (or a null tensor) for an absent bound. */
    public static Tensor clip(Tensor x, double min, double max) {
        return clipInto(x, min, max, Tensor.uninitialized(x.dtype(), x.shape()));
    }

    /** ONNX Clip with optional scalar bound tensors, either of which may be null. */
    public static Tensor clip(Tensor x, Tensor min, Tensor max) {
        double lo = min == null ? Double.NEGATIVE_INFINITY : scalarOf("Clip min", min);
        double hi = max == null ? Double.POSITIVE_INFINITY : scalarOf("Clip max", max);
        if (!x.dtype().isFloating()) {
            return clipLong(x, min == null ? Long.MIN_VALUE : min.getLong(0), max == null ? Long.MAX_VALUE : max.getLong(0));
        }
        return clip(x, lo, hi);
    }

    /** {@link #clip(Tensor, double, double)} into a preallocated output; returns it. */
    public static Tensor clipInto(Tensor x, double min, double max, Tensor out) {
        Args.output("Clip", out, x.dtype(), x.shape());
        if (!x.dtype().isFloating()) {
            long lo = Double.isInfinite(min) ? Long.MIN_VALUE : (long) Math.ceil(min);
            long hi = Double.isInfinite(max) ? Long.MAX_VALUE : (long) Math.floor(max);
            return clipLongInto(x, lo, hi, out);
        }
        if (x.dtype() == DType.FLOAT32) {
            float lo = (float) min, hi = (float) max;
            float[] xs = x.floatData(), os = out.floatData();
            boolean simd = VectorSupport.enabled();
            StridedLoop.forEachRow(x.shape(), new Tensor[] {x, out}, (pos, step, len) -> {
                int done = simd && step[0] == 1 && step[1] == 1 ? FloatSimd.clip(xs, pos[0], lo, hi, os, pos[1], len) : 0;
                for (int i = done; i < len; i++) {
                    float v = xs[pos[0] + i * step[0]];
                    float r = v < lo ? lo : v;
                    os[pos[1] + i * step[1]] = r > hi ? hi : r;
                }
            });
            return out;
        }
        // max first, then min: when min > max every element becomes max, as ONNX says.
        return Unary.mapInto(x, v -> {
            double r = v < min ? min : v;
            return r > max ? max : r;
        }, out);
    }

    private static Tensor clipLong(Tensor x, long lo, long hi) {
        return clipLongInto(x, lo, hi, Tensor.uninitialized(x.dtype(), x.shape()));
    }

    private static Tensor clipLongInto(Tensor x, long lo, long hi, Tensor out) {
        boolean unsigned = x.dtype() == DType.UINT64;
        StridedLoop.forEachRow(x.shape(), new Tensor[] {x, out}, (pos, step, len) -> {
            for (int i = 0; i < len; i++) {
                long v = x.readLong(pos[0] + i * step[0]);
                long r = unsigned
                        ? minUnsigned(hi, Long.compareUnsigned(v, lo) < 0 ? lo : v)
                        : Math.min(hi, Math.max(lo, v));
                out.writeLong(pos[1] + i * step[1], r);
            }
        });
        return out;
    }

    private static long minUnsigned(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }

    private static double scalarOf(String what, Tensor t) {
        if (t.size() != 1) throw new IllegalArgumentException(what + " must be a scalar, got " + t.dtype() + t.shape());
        return t.getDouble(0);
    }

    /** ONNX LeakyRelu: {@code x < 0 ? alpha*x : x} (alpha defaults to 0.01 in ONNX). */
    public static Tensor leakyRelu(Tensor x, double alpha) {
        Args.floating("LeakyRelu", x);
        if (x.dtype() == DType.FLOAT32) {
            Tensor out = Tensor.uninitialized(x.dtype(), x.shape());
            float a = (float) alpha;
            float[] xs = x.floatData(), os = out.floatData();
            boolean simd = VectorSupport.enabled();
            StridedLoop.forEachRow(x.shape(), new Tensor[] {x, out}, (pos, step, len) -> {
                int done = simd && step[0] == 1 && step[1] == 1 ? FloatSimd.leakyRelu(xs, pos[0], a, os, pos[1], len) : 0;
                for (int i = done; i < len; i++) {
                    float v = xs[pos[0] + i * step[0]];
                    os[pos[1] + i * step[1]] = v < 0 ? a * v : v;
                }
            });
            return out;
        }
        return Unary.map(x, v -> v < 0 ? alpha * v : v);
    }

    /** ONNX Elu: {@code x < 0 ? alpha*(e^x - 1) : x}. */
    public static Tensor elu(Tensor x, double alpha) {
        Args.floating("Elu", x);
        return Unary.map(x, v -> v < 0 ? alpha * Math.expm1(v) : v);
    }

    /** ONNX Selu: {@code gamma * (x <= 0 ? alpha*(e^x - 1) : x)}. */
    public static Tensor selu(Tensor x, double alpha, double gamma) {
        Args.floating("Selu", x);
        return Unary.map(x, v -> gamma * (v <= 0 ? alpha * Math.expm1(v) : v));
    }

    /** ONNX Selu with its default alpha and gamma. */
    public static Tensor selu(Tensor x) { return selu(x, 1.67326319217681884765625, 1.05070102214813232421875); }

    /** ONNX Celu: {@code max(0, x) + min(0, alpha*(e^(x/alpha) - 1))}. */
    public static Tensor celu(Tensor x, double alpha) {
        Args.floating("Celu", x);
        return Unary.map(x, v -> Math.max(0, v) + Math.min(0, alpha * Math.expm1(v / alpha)));
    }

    /** ONNX HardSigmoid: {@code max(0, min(1, alpha*x + beta))} (defaults 0.2 and 0.5). */
    public static Tensor hardSigmoid(Tensor x, double alpha, double beta) {
        Args.floating("HardSigmoid", x);
        return Unary.map(x, v -> Math.max(0, Math.min(1, alpha * v + beta)));
    }

    /** ONNX ThresholdedRelu: {@code x > alpha ? x : 0}. */
    public static Tensor thresholdedRelu(Tensor x, double alpha) {
        Args.floating("ThresholdedRelu", x);
        return Unary.map(x, v -> v > alpha ? v : 0);
    }

    /** ONNX Shrink: {@code x < -lambd ? x + bias : (x > lambd ? x - bias : 0)}. */
    public static Tensor shrink(Tensor x, double bias, double lambd) {
        return Unary.map(x, v -> v < -lambd ? v + bias : (v > lambd ? v - bias : 0));
    }

    /**
     * Exact GELU, {@code x/2·(1 + erf(x/√2))}, written into {@code out} (which may be x itself);
     * returns out. Float32 contiguous tensors take {@link dev.weft.tensor.kernel.Gelu}, which
     * allocates nothing; others go through {@link Unary}.
     */
    public static Tensor geluInto(Tensor x, Tensor out) {
        if (x.dtype() != DType.FLOAT32 || out.dtype() != DType.FLOAT32 || !x.isContiguous() || !out.isContiguous()
                || !x.shape().equals(out.shape())) {
            return Unary.into(UnaryOp.GELU, x, out);
        }
        dev.weft.tensor.kernel.Gelu.apply(x.floatData(), x.offset(), out.floatData(), out.offset(), x.size());
        return out;
    }

    /** ONNX Gelu: {@code approximate} is "none" (erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        Args.floating("Gelu", x);
        return switch (approximate) {
            case "none" -> Unary.apply(UnaryOp.GELU, x);
            case "tanh" -> Unary.apply(UnaryOp.GELU_TANH, x);
            default -> throw new IllegalArgumentException("Gelu: approximate must be \"none\" or \"tanh\", not \"" + approximate + "\"");
        };
    }

    /** The outputs of Dropout: the data and the bool keep-mask. */
    public record Dropout(Tensor output, Tensor mask) {}

    /**
     * ONNX Dropout at inference (or in training with ratio 0): the output is a copy of x and the
     * mask is all true. Training with a positive ratio draws random numbers, which weft does not
     * do inside ops; it is refused.
     */
    public static Dropout dropout(Tensor x, double ratio, boolean training) {
        if (training && ratio != 0) {
            throw new IllegalArgumentException("Dropout in training mode with ratio " + ratio + " is not supported");
        }
        return new Dropout(x.copy(), Tensor.full(dev.weft.tensor.DType.BOOL, x.shape(), 1));
    }

    /** ONNX Swish: {@code x * sigmoid(alpha * x)}. */
    public static Tensor swish(Tensor x, double alpha) {
        Args.floating("Swish", x);
        return Unary.map(x, v -> v * ScalarMath.sigmoid(alpha * v));
    }

    /** ONNX PRelu: {@code x < 0 ? slope*x : x}, slope broadcast to x. */
    public static Tensor prelu(Tensor x, Tensor slope) { return Binary.apply(BinaryOp.PRELU, x, slope); }
}
