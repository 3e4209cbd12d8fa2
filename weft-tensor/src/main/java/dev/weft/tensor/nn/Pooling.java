package dev.weft.tensor.nn;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.ConvGeometry;
import dev.weft.tensor.kernel.Pool;
import dev.weft.tensor.kernel.PoolPlan;

/**
 * ONNX MaxPool, AveragePool, GlobalAveragePool and GlobalMaxPool on [N, C, spatial...] tensors
 * (1 to 3 spatial axes for windowed pools, any number for global ones).
 *
 * <p>Output sizes follow ONNX: {@code floor} (or {@code ceil} in ceil mode, dropping a last window
 * that would start in the trailing padding) of {@code (in + pads - dilation*(kernel-1) - 1)/stride + 1}.
 * Inputs may be any strided views; float32 is fast, float64 exact, float16/bfloat16 via float32.
 * Stateless and thread-safe.
 *
 * <p>A caller that pools one shape repeatedly makes a {@link Plan} once ({@link #maxPoolPlan},
 * {@link #averagePoolPlan}) and passes it to {@link #maxPool(Plan, Tensor)} or
 * {@link #averagePool(Plan, Tensor)}: checks and everything derived from the shape are done once,
 * and a float32 call allocates nothing but its output tensor.
 */
public final class Pooling {
    private Pooling() {}

    /** The values and (int64) flat indices of a max pooling. */
    public record MaxPoolResult(Tensor values, Tensor indices) {}

    /** MaxPool without indices. */
    public static Tensor maxPool(Tensor x, PoolParams p) {
        return maxPool(maxPoolPlan(x, p), x);
    }

    /**
     * A pooling's input shape, checked, with its output shape and what the kernels derive from them,
     * for any number of calls on floating inputs of that shape. Made only by {@link #maxPoolPlan} or
     * {@link #averagePoolPlan}, which validated it (a class rather than a record so that no
     * inconsistent plan can be made); immutable, so one plan may serve several threads at once.
     */
    public static final class Plan {
        private final String op;
        private final Shape input, output;
        private final PoolPlan kernel;
        /** The trailing pads in 3-d form (average pooling's divisors count up to them). */
        private final int[] padsEnd3;

        private Plan(String op, Shape input, Shape output, PoolPlan kernel, int[] padsEnd3) {
            this.op = op;
            this.input = input;
            this.output = output;
            this.kernel = kernel;
            this.padsEnd3 = padsEnd3;
        }

        /** The input shape [N, C, spatial...] this plan is for. */
        public Shape input() { return input; }

        /** The output shape [N, C, out...]. */
        public Shape output() { return output; }

        /** The pooling in the kernels' 3-d form. */
        public ConvGeometry geometry() { return kernel.geometry(); }

        @Override
        public String toString() { return op + " plan for input " + input + " -> " + output; }
    }

    /**
     * The plan of a MaxPool (without indices) of inputs shaped like {@code x}.
     *
     * @throws IllegalArgumentException as {@link #maxPool(Tensor, PoolParams)} does for an input or attributes that do not fit
     */
    public static Plan maxPoolPlan(Tensor x, PoolParams p) {
        return plan("MaxPool", x, p, false);
    }

    /**
     * The plan of an AveragePool of inputs shaped like {@code x} ({@code countIncludePad} as in
     * {@link #averagePool(Tensor, PoolParams, boolean)}).
     *
     * @throws IllegalArgumentException as that method does for an input or attributes that do not fit
     */
    public static Plan averagePoolPlan(Tensor x, PoolParams p, boolean countIncludePad) {
        return plan("AveragePool", x, p, countIncludePad);
    }

    /**
     * MaxPool without indices with a plan made for {@code x}'s shape (an AveragePool plan serves too).
     * A float32 call allocates only its output.
     *
     * @throws IllegalArgumentException naming the plan's and the input's shapes when they differ, or
     *         if {@code x} is not floating
     */
    public static Tensor maxPool(Plan plan, Tensor x) {
        check(plan, "MaxPool", x);
        if (x.dtype() == DType.FLOAT64) {
            Tensor y = Tensor.zeros(DType.FLOAT64, plan.output);
            DoubleKernels.maxPool(plan.geometry(), x.contiguous().doubleData(), y.doubleData(), null, 0);
            return y;
        }
        Tensor y = Tensor.uninitialized(DType.FLOAT32, plan.output); // the pool writes every output
        Pool.maxPool(plan.kernel, Convolution.asFloat(x).floatData(), y.floatData());
        return y.castTo(x.dtype());
    }

    /**
     * AveragePool with a plan from {@link #averagePoolPlan} made for {@code x}'s shape. A float32 call
     * allocates only its output.
     *
     * @throws IllegalArgumentException naming the plan's and the input's shapes when they differ, if
     *         {@code x} is not floating, or if the plan is a MaxPool's
     */
    public static Tensor averagePool(Plan plan, Tensor x) {
        check(plan, "AveragePool", x);
        if (!plan.op.equals("AveragePool")) throw new IllegalArgumentException("AveragePool needs an AveragePool plan, got " + plan);
        ConvGeometry g = plan.geometry();
        int[] pe = plan.padsEnd3;
        if (x.dtype() == DType.FLOAT64) {
            Tensor y = Tensor.zeros(DType.FLOAT64, plan.output);
            DoubleKernels.averagePool(g, x.contiguous().doubleData(), y.doubleData(), plan.kernel.countsPadding(), pe);
            return y;
        }
        Tensor y = Tensor.uninitialized(DType.FLOAT32, plan.output);
        Pool.averagePool(plan.kernel, Convolution.asFloat(x).floatData(), y.floatData());
        return y.castTo(x.dtype());
    }

    /** Checks an input against its plan without allocating (messages are built only when thrown). */
    private static void check(Plan plan, String op, Tensor x) {
        if (plan == null) throw new IllegalArgumentException(op + " needs a plan, got null");
        if (x == null) throw new IllegalArgumentException(op + " needs an input, got null");
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + " needs a floating input, got " + x.dtype() + x.shape());
        }
        if (!x.shape().equals(plan.input)) {
            throw new IllegalArgumentException(op + " input " + x.shape() + " does not match its plan (input " + plan.input + ")");
        }
    }

    /**
     * MaxPool; with {@code withIndices} also the ONNX {@code Indices} output: for each output, the
     * index of the chosen element in the flattened input (row-major when {@code storageOrder} is 0,
     * column-major spatial order when 1).
     */
    public static MaxPoolResult maxPool(Tensor x, PoolParams p, boolean withIndices, int storageOrder) {
        if (storageOrder != 0 && storageOrder != 1) {
            throw new IllegalArgumentException("MaxPool storage_order must be 0 or 1, got " + storageOrder);
        }
        if (!withIndices) return new MaxPoolResult(maxPool(x, p), null);
        Setup s = setup("MaxPool", x, p);
        Tensor idx = withIndices ? Tensor.zeros(DType.INT64, s.outShape) : null;
        long[] idxData = idx == null ? null : idx.longData();
        Tensor y;
        if (x.dtype() == DType.FLOAT64) {
            y = Tensor.zeros(DType.FLOAT64, s.outShape);
            DoubleKernels.maxPool(s.g, x.contiguous().doubleData(), y.doubleData(), idxData, storageOrder);
        } else {
            y = Tensor.uninitialized(DType.FLOAT32, s.outShape);
            Pool.maxPool(s.g, Convolution.asFloat(x).floatData(), y.floatData(), idxData, storageOrder);
            y = y.castTo(x.dtype());
        }
        return new MaxPoolResult(y, idx);
    }

    /** AveragePool; {@code countIncludePad} counts padded positions in the divisor, as ONNX's attribute. */
    public static Tensor averagePool(Tensor x, PoolParams p, boolean countIncludePad) {
        return averagePool(averagePoolPlan(x, p, countIncludePad), x);
    }

    /** GlobalAveragePool: the mean over all spatial axes, kept as size-1 axes. */
    public static Tensor globalAverage(Tensor x) { return global("GlobalAveragePool", x, true); }

    /** GlobalMaxPool: the maximum over all spatial axes, kept as size-1 axes. */
    public static Tensor globalMax(Tensor x) { return global("GlobalMaxPool", x, false); }

    private static Tensor global(String op, Tensor x, boolean average) {
        if (x == null) throw new IllegalArgumentException(op + " needs an input, got null");
        if (!x.dtype().isFloating() || x.rank() < 2) {
            throw new IllegalArgumentException(op + " needs a floating tensor of rank >= 2 ([N, C, ...]), got "
                    + x.dtype() + x.shape());
        }
        int[] dims = x.shape().dims();
        int planes = dims[0] * dims[1];
        int size = 1;
        for (int i = 2; i < dims.length; i++) {
            size *= dims[i];
            dims[i] = 1;
        }
        Shape outShape = Shape.of(dims);
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.contiguous().doubleData();
            Tensor y = Tensor.zeros(DType.FLOAT64, outShape);
            double[] yd = y.doubleData();
            for (int u = 0; u < planes; u++) {
                double acc = average ? 0 : Double.NEGATIVE_INFINITY;
                for (int i = u * size; i < (u + 1) * size; i++) acc = average ? acc + xd[i] : Math.max(acc, xd[i]);
                yd[u] = average ? (size == 0 ? Double.NaN : acc / size) : acc;
            }
            return y;
        }
        Tensor y = Tensor.uninitialized(DType.FLOAT32, outShape);
        float[] xf = Convolution.asFloat(x).floatData();
        if (average) Pool.globalAverage(xf, planes, size, y.floatData());
        else Pool.globalMax(xf, planes, size, y.floatData());
        return y.castTo(x.dtype());
    }

    private record Setup(Windows win, ConvGeometry g, Shape outShape) {}

    private static Plan plan(String op, Tensor x, PoolParams p, boolean countIncludePad) {
        Setup s = setup(op, x, p);
        int[] pe = pad3(s.win.padsEnd);
        PoolPlan kernel = op.equals("AveragePool") ? Pool.averagePlan(s.g, countIncludePad, pe[0], pe[1], pe[2]) : Pool.maxPlan(s.g);
        return new Plan(op, x.shape(), s.outShape, kernel, pe);
    }

    private static Setup setup(String op, Tensor x, PoolParams p) {
        if (x == null) throw new IllegalArgumentException(op + " needs an input, got null");
        if (p == null || p.kernelShape() == null) {
            throw new IllegalArgumentException(op + " on input " + x.shape() + " needs kernel_shape");
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + " needs a floating input, got " + x.dtype() + x.shape());
        }
        int rank = x.rank();
        if (rank < 3 || rank > 5) {
            throw new IllegalArgumentException(op + " needs input of rank 3 to 5 ([N, C, 1 to 3 spatial axes]), got " + x.shape());
        }
        int[] kernel = p.kernelShape();
        if (kernel.length != rank - 2) {
            throw new IllegalArgumentException(op + " kernel_shape " + java.util.Arrays.toString(kernel) + " should have "
                    + (rank - 2) + " values for input " + x.shape());
        }
        Windows win = Windows.resolve(op, x.shape(), kernel, p.strides(), p.pads(), p.dilations(), p.ceilMode());
        int n = x.shape().dim(0), c = x.shape().dim(1);
        int[] outDims = new int[rank];
        outDims[0] = n;
        outDims[1] = c;
        System.arraycopy(win.out, 0, outDims, 2, rank - 2);
        ConvGeometry g = ConvGeometry.of(n, c, c, 1, win.in, kernel, win.strides, win.padsBegin, win.dilations, win.out);
        return new Setup(win, g, Shape.of(outDims));
    }

    private static int[] pad3(int[] v) {
        int[] out = new int[3];
        System.arraycopy(v, 0, out, 3 - v.length, v.length);
        return out;
    }
}
