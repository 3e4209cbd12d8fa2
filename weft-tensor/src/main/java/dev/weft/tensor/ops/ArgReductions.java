package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX ArgMax and ArgMin: the int64 index of the largest (smallest) element along one axis. Ties
 * give the first index, or the last with {@code selectLastIndex}; a NaN counts as the extreme
 * (as in NumPy), so the first NaN wins.
 */
public final class ArgReductions {
    private ArgReductions() {}

    public static Tensor argMax(Tensor x, int axis, boolean keepDims, boolean selectLastIndex) {
        return arg(x, axis, keepDims, selectLastIndex, true);
    }

    public static Tensor argMin(Tensor x, int axis, boolean keepDims, boolean selectLastIndex) {
        return arg(x, axis, keepDims, selectLastIndex, false);
    }

    private static Tensor arg(Tensor x, int axis, boolean keepDims, boolean last, boolean max) {
        String op = max ? "ArgMax" : "ArgMin";
        Args.rank(op, x, 1);
        int ax = x.shape().normalizeAxis(axis);
        int k = x.shape().dim(ax);
        Shape outShape = Reductions.reducedShape(x.shape(), new int[] {ax}, keepDims);
        Tensor out = Tensor.zeros(DType.INT64, outShape);
        if (outShape.size() == 0) return out;
        if (k == 0) throw new IllegalArgumentException(op + " over an empty axis " + axis + " of shape " + x.shape());
        Tensor xt = Softmax.moveAxisLast(x, ax).contiguous();
        long[] o = out.longData();
        int rows = outShape.size();
        boolean floating = x.dtype().isFloating();
        boolean unsigned = x.dtype() == DType.UINT64;
        for (int r = 0; r < rows; r++) {
            int off = xt.offset() + r * k;
            int best = 0;
            if (floating) {
                double bv = xt.readDouble(off);
                for (int i = 1; i < k && !Double.isNaN(bv); i++) {
                    double v = xt.readDouble(off + i);
                    if (Double.isNaN(v) || (max ? v > bv : v < bv) || (last && v == bv)) {
                        best = i;
                        bv = v;
                    }
                }
            } else {
                long bv = xt.readLong(off);
                for (int i = 1; i < k; i++) {
                    long v = xt.readLong(off + i);
                    int c = unsigned ? Long.compareUnsigned(v, bv) : Long.compare(v, bv);
                    if ((max ? c > 0 : c < 0) || (last && c == 0)) {
                        best = i;
                        bv = v;
                    }
                }
            }
            o[r] = best;
        }
        return out;
    }
}
