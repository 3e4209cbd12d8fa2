package dev.weft.tensor.nn;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.kernel.Conv;
import dev.weft.tensor.kernel.ConvGeometry;
import dev.weft.tensor.kernel.ConvPlan;
import dev.weft.tensor.kernel.ConvWeights;
import java.util.Arrays;

/**
 * ONNX Conv on tensors: {@code x} is [N, C, spatial...] (1 to 3 spatial axes), {@code w} is
 * [M, C/group, kernel...], {@code bias} (nullable) is [M]; the result is [N, M, out...] with
 * {@code out = floor((in + padBegin + padEnd - dilation*(kernel-1) - 1) / stride) + 1}.
 *
 * <p>Inputs may be any strided views. float32 runs the fast kernels of {@link Conv}; float64 runs
 * an exact double loop; float16/bfloat16 compute in float32. Stateless and thread-safe.
 *
 * <p>A caller that runs one shape repeatedly makes a {@link Plan} once ({@link #plan}) and passes it
 * to {@link #conv(Plan, Tensor, Tensor, ConvWeights, Tensor, Clamp)} or {@link #convInto(Plan, Tensor,
 * Tensor, ConvWeights, Tensor, Clamp, Tensor, int)}: every check and everything derived from the
 * shapes is then done once, and a float32 call allocates nothing but its output tensor.
 */
public final class Convolution {
    private Convolution() {}

    /** The convolution; every shape or attribute problem is an {@link IllegalArgumentException} naming the shapes. */
    public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p) {
        return conv(x, w, null, bias, p, Clamp.NONE);
    }

    /**
     * The convolution followed by {@code min(max(y, lo), hi)} (a fused Relu or Clip; null means none).
     * For float32 depthwise convolutions the clamp costs nothing: it is applied as outputs are stored.
     */
    public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p, Clamp clamp) {
        return conv(x, w, null, bias, p, clamp);
    }

    /**
     * Wraps constant float32 weights for {@link #conv(Tensor, Tensor, ConvWeights, Tensor, ConvParams, Clamp)},
     * which then keeps what kernels derive from them (Winograd transforms, packed GEMM panels) across
     * calls. The tensor's data must not change afterwards. A strided view is copied, and then only the
     * copy is covered.
     *
     * @throws IllegalArgumentException if {@code w} is not float32
     */
    public static ConvWeights prepare(Tensor w) {
        if (w == null || w.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("Conv weights to prepare must be float32, got " + (w == null ? "null" : w.dtype()));
        }
        return ConvWeights.of(whole(w));
    }

    /**
     * The convolution with weights prepared by {@link #prepare}, then {@code clamp} (null for none);
     * {@code prepared} is used only when it holds {@code w}'s own data (else, or when null, this is the
     * plain convolution).
     */
    public static Tensor conv(Tensor x, Tensor w, ConvWeights prepared, Tensor bias, ConvParams p, Clamp clamp) {
        return conv(plan(x, w, bias, p), x, w, prepared, bias, clamp);
    }

    /**
     * A convolution's shapes, checked, and what the kernels derive from them, for any number of calls
     * with operands of those shapes and dtype. Made only by {@link #plan}, which validated it (a class
     * rather than a record so that no inconsistent plan can be made); immutable apart from the
     * kernels' benign memo (see {@link ConvPlan}), so one plan may serve several threads at once.
     */
    public static final class Plan {
        private final DType dtype;
        private final Shape input, weights, output;
        private final ConvPlan kernel;

        private Plan(DType dtype, Shape input, Shape weights, Shape output, ConvPlan kernel) {
            this.dtype = dtype;
            this.input = input;
            this.weights = weights;
            this.output = output;
            this.kernel = kernel;
        }

        /** The input shape [N, C, spatial...] this plan is for. */
        public Shape input() { return input; }

        /** The weights shape [M, C/group, kernel...] this plan is for. */
        public Shape weights() { return weights; }

        /** The output shape [N, M, out...]. */
        public Shape output() { return output; }

        /** The dtype of every operand. */
        public DType dtype() { return dtype; }

        /** The problem in the kernels' 3-d form. */
        public ConvGeometry geometry() { return kernel.geometry(); }

        @Override
        public String toString() {
            return "Conv plan for input " + dtype + input + ", weights " + dtype + weights + " -> " + output;
        }
    }

    /**
     * The plan of a convolution of operands with these shapes and dtype ({@code bias} may be null: a
     * plan serves calls with or without a bias of shape [M]).
     *
     * @throws IllegalArgumentException as {@link #conv} does for operands or attributes that do not fit together
     */
    public static Plan plan(Tensor x, Tensor w, Tensor bias, ConvParams p) {
        if (x == null || w == null) throw new IllegalArgumentException("Conv needs an input and weights, got null");
        ConvGeometry g = geometry(x, w, bias, p == null ? ConvParams.defaults() : p);
        return new Plan(x.dtype(), x.shape(), w.shape(), outputShape(g, x.rank()), Conv.plan(g));
    }

    /**
     * The convolution of a plan made for these operands' shapes and dtype, then {@code clamp} (null for
     * none); {@code prepared} as in {@link #conv(Tensor, Tensor, ConvWeights, Tensor, ConvParams, Clamp)}.
     * A float32 call allocates only its output.
     *
     * @throws IllegalArgumentException naming the plan's and the operands' shapes when they differ
     */
    public static Tensor conv(Plan plan, Tensor x, Tensor w, ConvWeights prepared, Tensor bias, Clamp clamp) {
        check(plan, x, w, bias);
        ConvGeometry g = plan.geometry();
        Shape outShape = plan.output;
        DType dt = x.dtype();
        if (dt == DType.FLOAT64) {
            Tensor y = Tensor.zeros(dt, outShape);
            DoubleKernels.conv(g, x.contiguous().doubleData(), w.contiguous().doubleData(),
                    bias == null ? null : bias.contiguous().doubleData(), y.doubleData());
            if (clamp != null && !clamp.isNone()) {
                double[] yd = y.doubleData();
                for (int i = 0; i < yd.length; i++) yd[i] = Math.min(Math.max(yd[i], clamp.lo()), clamp.hi());
            }
            return y;
        }
        Tensor xf = asFloat(x), wf = asFloat(w), bf = bias == null ? null : asFloat(bias);
        Tensor y = Tensor.uninitialized(DType.FLOAT32, outShape); // every Conv.conv path writes all of y
        float[] bd = bf == null ? null : bf.floatData();
        int image = g.outChannels() * g.outPlane();
        if (prepared != null && wf.offset() == 0 && prepared.covers(wf.floatData())) {
            Conv.conv(plan.kernel, xf.floatData(), prepared, bd, y.floatData(), 0, image, clamp);
        } else {
            Conv.conv(plan.kernel, xf.floatData(), wf.floatData(), bd, y.floatData(), 0, image, clamp);
        }
        return dt == DType.FLOAT32 ? y : y.castTo(dt);
    }

    /**
     * The float32 convolution written into channels {@code [channelOffset, channelOffset + M)} of
     * {@code out}, a contiguous float32 tensor [N, total channels, out...] whose other axes match
     * the convolution's output; the rest of {@code out} is not touched. This is how a Concat of
     * convolutions along the channels costs no copy.
     *
     * @throws IllegalArgumentException if the operands are not float32, or {@code out} does not have
     *         the output's shape with room for these channels at {@code channelOffset}
     */
    public static void convInto(Tensor x, Tensor w, ConvWeights prepared, Tensor bias, ConvParams p, Clamp clamp,
                                Tensor out, int channelOffset) {
        if (x == null || w == null || out == null) throw new IllegalArgumentException("Conv into a slice needs an input, weights and an output, got null");
        convInto(plan(x, w, bias, p), x, w, prepared, bias, clamp, out, channelOffset);
    }

    /**
     * {@link #convInto(Tensor, Tensor, ConvWeights, Tensor, ConvParams, Clamp, Tensor, int)} with a
     * plan made for these operands' shapes and dtype; allocates nothing.
     *
     * @throws IllegalArgumentException as that method does, or naming the plan's and the operands'
     *         shapes when they differ
     */
    public static void convInto(Plan plan, Tensor x, Tensor w, ConvWeights prepared, Tensor bias, Clamp clamp,
                                Tensor out, int channelOffset) {
        if (out == null) throw new IllegalArgumentException("Conv into a slice needs an input, weights and an output, got null");
        check(plan, x, w, bias);
        ConvGeometry g = plan.geometry();
        Shape shape = plan.output;
        if (x.dtype() != DType.FLOAT32 || w.dtype() != DType.FLOAT32 || bias != null && bias.dtype() != DType.FLOAT32
                || out.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("Conv into a slice needs float32 operands: " + shapes(x, w, bias) + ", output " + out.dtype());
        }
        int m = shape.dim(1);
        boolean fits = out.isContiguous() && out.rank() == shape.rank() && channelOffset >= 0
                && channelOffset + m <= out.shape().dim(1);
        for (int i = 0; fits && i < shape.rank(); i++) fits = i == 1 || out.shape().dim(i) == shape.dim(i);
        if (!fits) {
            throw new IllegalArgumentException("Conv output " + shape + " does not fit at channel " + channelOffset + " of "
                    + (out.isContiguous() ? "" : "non-contiguous ") + out.shape() + ": " + shapes(x, w, bias));
        }
        Tensor xf = x.contiguous(), wf = w.contiguous();
        float[] bd = bias == null ? null : bias.contiguous().floatData();
        int plane = g.outPlane(), yOff = out.offset() + channelOffset * plane, yImage = out.shape().dim(1) * plane;
        if (prepared != null && prepared.covers(wf.floatData())) {
            Conv.conv(plan.kernel, xf.floatData(), prepared, bd, out.floatData(), yOff, yImage, clamp);
        } else {
            Conv.conv(plan.kernel, xf.floatData(), wf.floatData(), bd, out.floatData(), yOff, yImage, clamp);
        }
    }

    /**
     * Checks operands against their plan without allocating (messages are built only when thrown): x
     * and w must have the plan's shapes and dtype, a bias shape [M] and that dtype.
     */
    private static void check(Plan plan, Tensor x, Tensor w, Tensor bias) {
        if (plan == null) throw new IllegalArgumentException("Conv needs a plan, got null");
        if (x == null || w == null) throw new IllegalArgumentException("Conv needs an input and weights, got null");
        if (!x.shape().equals(plan.input) || !w.shape().equals(plan.weights) || x.dtype() != plan.dtype || w.dtype() != plan.dtype) {
            throw new IllegalArgumentException("Conv operands do not match their plan (input " + plan.dtype + plan.input
                    + ", weights " + plan.dtype + plan.weights + "): " + shapes(x, w, bias));
        }
        if (bias != null && bias.dtype() != plan.dtype) {
            throw new IllegalArgumentException("Conv needs one floating dtype for all operands: " + shapes(x, w, bias));
        }
        int m = plan.weights.dim(0);
        if (bias != null && (bias.rank() != 1 || bias.shape().dim(0) != m)) {
            throw new IllegalArgumentException("Conv bias must have shape [" + m + "]: " + shapes(x, w, bias));
        }
    }

    /**
     * The shape [N, M, out...] that {@link #conv} returns for these operands.
     *
     * @throws IllegalArgumentException as {@link #conv} does for operands that do not fit together
     */
    public static Shape outputShape(Tensor x, Tensor w, ConvParams p) {
        return plan(x, w, null, p).output();
    }

    /** The output shape [N, M, out...] of a problem whose input has {@code rank} axes. */
    private static Shape outputShape(ConvGeometry g, int rank) {
        int[] dims = new int[rank];
        dims[0] = g.batch();
        dims[1] = g.outChannels();
        int[] out = {g.outD(), g.outH(), g.outW()};
        System.arraycopy(out, 3 - (rank - 2), dims, 2, rank - 2);
        return Shape.of(dims);
    }

    /** The problem in the kernels' 3-d form, after checking every operand and attribute. */
    private static ConvGeometry geometry(Tensor x, Tensor w, Tensor bias, ConvParams p) {
        if (!x.dtype().isFloating() || x.dtype() != w.dtype() || bias != null && bias.dtype() != x.dtype()) {
            throw new IllegalArgumentException("Conv needs one floating dtype for all operands: " + shapes(x, w, bias));
        }
        int rank = x.rank();
        if (rank < 3 || rank > 5) {
            throw new IllegalArgumentException("Conv needs input of rank 3 to 5 ([N, C, 1 to 3 spatial axes]): " + shapes(x, w, bias));
        }
        if (w.rank() != rank) throw new IllegalArgumentException("Conv weights must have the input's rank " + rank + ": " + shapes(x, w, bias));
        int group = p.group();
        int c = x.shape().dim(1), m = w.shape().dim(0);
        if (group < 1) throw new IllegalArgumentException("Conv group must be at least 1, got " + group + ": " + shapes(x, w, bias));
        if ((long) w.shape().dim(1) * group != c) {
            throw new IllegalArgumentException("Conv input has " + c + " channels but the weights expect "
                    + w.shape().dim(1) + " per group × " + group + " groups: " + shapes(x, w, bias));
        }
        if (m % group != 0) {
            throw new IllegalArgumentException("Conv output channels " + m + " are not divisible by group " + group + ": " + shapes(x, w, bias));
        }
        if (bias != null && (bias.rank() != 1 || bias.shape().dim(0) != m)) {
            throw new IllegalArgumentException("Conv bias must have shape [" + m + "]: " + shapes(x, w, bias));
        }
        int[] kernel = Arrays.copyOfRange(w.shape().dims(), 2, rank);
        int[] ks = p.kernelShape();
        if (ks != null && ks.length > 0 && !Arrays.equals(ks, kernel)) {
            throw new IllegalArgumentException("Conv kernel_shape " + Arrays.toString(ks) + " disagrees with the weights: " + shapes(x, w, bias));
        }
        Windows win = Windows.resolve("Conv", x.shape(), kernel, p.strides(), p.pads(), p.dilations(), false);
        return ConvGeometry.of(x.shape().dim(0), c, m, group, win.in, kernel, win.strides, win.padsBegin, win.dilations, win.out);
    }

    /** The operands' dtypes and shapes, for error messages (built only when one is thrown). */
    private static String shapes(Tensor x, Tensor w, Tensor bias) {
        return "input " + x.dtype() + x.shape() + ", weights " + w.dtype() + w.shape()
                + (bias == null ? "" : ", bias " + bias.dtype() + bias.shape());
    }

    /** The data of a float32 tensor as one whole array (the tensor's own when it is exactly that). */
    private static float[] whole(Tensor w) {
        Tensor c = w.contiguous();
        float[] d = c.floatData();
        return c.offset() == 0 && d.length == c.size() ? d : java.util.Arrays.copyOfRange(d, c.offset(), c.offset() + c.size());
    }

    /** A contiguous float32 copy or view of a floating tensor. */
    static Tensor asFloat(Tensor t) {
        return (t.dtype() == DType.FLOAT32 ? t : t.castTo(DType.FLOAT32)).contiguous();
    }
}
