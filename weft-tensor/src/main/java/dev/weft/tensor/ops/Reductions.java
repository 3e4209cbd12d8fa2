package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** Reductions along any set of axes. */
public final class Reductions {
    private Reductions() {}

    /** The shape that reducing {@code in} over {@code axes} gives. Empty axes means all axes. */
    public static Shape reducedShape(Shape in, int[] axes, boolean keepDims) {
        boolean[] reduced = reducedAxes(in, axes);
        int[] dims = new int[in.rank()];
        int n = 0;
        for (int i = 0; i < in.rank(); i++) {
            if (!reduced[i]) dims[n++] = in.dim(i);
            else if (keepDims) dims[n++] = 1;
        }
        return Shape.of(java.util.Arrays.copyOf(dims, n));
    }

    private static boolean[] reducedAxes(Shape in, int[] axes) {
        boolean[] reduced = new boolean[in.rank()];
        if (axes.length == 0) java.util.Arrays.fill(reduced, true);
        for (int a : axes) {
            int ax = in.normalizeAxis(a);
            if (reduced[ax] && axes.length > 0) {
                throw new IllegalArgumentException("axis " + a + " is listed twice in reduction axes "
                        + java.util.Arrays.toString(axes));
            }
            reduced[ax] = true;
        }
        return reduced;
    }

    /** Reduces {@code x} over {@code axes} (all when empty), in x's dtype. */
    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        Shape in = x.shape();
        boolean[] reduced = reducedAxes(in, axes);
        Shape outShape = reducedShape(in, axes, keepDims);
        Shape keptShape = reducedShape(in, axes, true);
        int outSize = outShape.size();
        double[] acc = new double[outSize];
        int[] count = new int[outSize];
        java.util.Arrays.fill(acc, switch (op) {
            case SUM, MEAN -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        });
        int[] keptStrides = keptShape.contiguousStrides();
        int rank = in.rank();
        int[] idx = new int[rank];
        for (int i = 0; i < x.size(); i++) {
            int o = 0;
            for (int ax = 0; ax < rank; ax++) if (!reduced[ax]) o += idx[ax] * keptStrides[ax];
            double v = x.getDouble(i);
            acc[o] = switch (op) {
                case SUM, MEAN -> acc[o] + v;
                case PROD -> acc[o] * v;
                case MAX -> Math.max(acc[o], v);
                case MIN -> Math.min(acc[o], v);
            };
            count[o]++;
            for (int ax = rank - 1; ax >= 0; ax--) {
                if (++idx[ax] < in.dim(ax)) break;
                idx[ax] = 0;
            }
        }
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        for (int o = 0; o < outSize; o++) {
            out.setDouble(o, op == ReduceOp.MEAN ? acc[o] / count[o] : acc[o]);
        }
        return out;
    }
}
