package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatReduce;
import java.util.Arrays;

/**
 * Reductions along any set of axes ({@link ReduceOp}), with or without kept dimensions, in every
 * numeric dtype. Integer SUM, PROD, MAX, MIN, L1 and SUM_SQUARE are exact (wrapping); the rest
 * compute in double. Float32 reduces in float, vectorized along the contiguous axis.
 *
 * <p>Layout: the input is viewed with the kept axes first and the reduced axes last; when that
 * view is contiguous (the reduced axes are trailing) nothing is copied, when the reduced axes are
 * followed by kept ones (e.g. axis 1 of [A, B, C]) float32 accumulates whole rows without a copy,
 * and otherwise the input is transposed once.
 */
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
        return Shape.of(Arrays.copyOf(dims, n));
    }

    static boolean[] reducedAxes(Shape in, int[] axes) {
        boolean[] reduced = new boolean[in.rank()];
        if (axes.length == 0) Arrays.fill(reduced, true);
        for (int a : axes) {
            int ax = in.normalizeAxis(a);
            if (reduced[ax]) {
                throw new IllegalArgumentException("axis " + a + " is listed twice in reduction axes " + Arrays.toString(axes)
                        + " for shape " + in);
            }
            reduced[ax] = true;
        }
        return reduced;
    }

    /** Reduces {@code x} over {@code axes} (all when empty), in x's dtype. */
    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        return reduce(op, x, axes, keepDims, false);
    }

    /**
     * ONNX Reduce* (opset 18): with {@code noopWithEmptyAxes} and no axes, the input comes back
     * unreduced (squared for SUM_SQUARE) instead of reduced over every axis.
     */
    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims, boolean noopWithEmptyAxes) {
        if (axes.length == 0 && noopWithEmptyAxes) {
            return op == ReduceOp.SUM_SQUARE ? Binary.mul(x, x) : x.copy();
        }
        Shape in = x.shape();
        boolean[] reduced = reducedAxes(in, axes);
        Shape outShape = reducedShape(in, axes, keepDims);
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        int rank = in.rank();
        int[] perm = new int[rank];
        int p = 0, k = 1;
        for (int i = 0; i < rank; i++) if (!reduced[i]) perm[p++] = i;
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                perm[p++] = i;
                k *= in.dim(i);
            }
        }
        int outer = outShape.size();
        if (outer == 0) return out;
        if (x.dtype() == DType.FLOAT32 && middleAxes(op, x, reduced)) {
            reduceMiddle(op, x.contiguous(), reduced, out);
            return out;
        }
        Tensor xt = x.transpose(perm).contiguous();
        if (x.dtype() == DType.FLOAT32) {
            float[] d = xt.floatData(), o = out.floatData();
            boolean simd = VectorSupport.enabled();
            for (int r = 0; r < outer; r++) o[r] = k == 0 ? (float) empty(op, DType.FLOAT32) : floatRow(op, d, xt.offset() + r * k, k, simd);
        } else if (x.dtype().isFloating() || !exactOnIntegers(op)) {
            for (int r = 0; r < outer; r++) out.writeDouble(r, k == 0 ? empty(op, x.dtype()) : doubleRow(op, xt, xt.offset() + r * k, k));
        } else {
            boolean unsigned = x.dtype() == DType.UINT64;
            for (int r = 0; r < outer; r++) {
                if (k == 0) out.writeDouble(r, empty(op, x.dtype()));
                else out.writeLong(r, longRow(op, xt, xt.offset() + r * k, k, unsigned));
            }
        }
        return out;
    }

    private static boolean exactOnIntegers(ReduceOp op) {
        return switch (op) {
            case SUM, PROD, MAX, MIN, L1, SUM_SQUARE -> true;
            default -> false;
        };
    }

    /** The result over an empty set. */
    private static double empty(ReduceOp op, DType dt) {
        return switch (op) {
            case SUM, L1, L2, SUM_SQUARE -> 0;
            case PROD -> 1;
            case MEAN -> Double.NaN;
            case MAX -> dt.isFloating() ? Double.NEGATIVE_INFINITY : DTypeRange.min(dt);
            case MIN -> dt.isFloating() ? Double.POSITIVE_INFINITY : DTypeRange.max(dt);
            case LOG_SUM, LOG_SUM_EXP -> Double.NEGATIVE_INFINITY;
        };
    }

    private static float floatRow(ReduceOp op, float[] d, int off, int k, boolean simd) {
        if (simd) {
            return switch (op) {
                case SUM -> FloatReduce.sum(d, off, k);
                case MEAN -> FloatReduce.sum(d, off, k) / k;
                case MAX -> FloatReduce.max(d, off, k);
                case MIN -> FloatReduce.min(d, off, k);
                case L1 -> FloatReduce.sumAbs(d, off, k);
                case L2 -> (float) Math.sqrt(FloatReduce.sumSquares(d, off, k));
                case SUM_SQUARE -> FloatReduce.sumSquares(d, off, k);
                case LOG_SUM -> (float) Math.log(FloatReduce.sum(d, off, k));
                case LOG_SUM_EXP -> {
                    float m = FloatReduce.max(d, off, k);
                    if (Float.isInfinite(m)) yield m;
                    yield m + (float) Math.log(FloatReduce.sumExpShifted(d, off, m, k));
                }
                case PROD -> {
                    float r = 1;
                    for (int i = 0; i < k; i++) r *= d[off + i];
                    yield r;
                }
            };
        }
        return switch (op) {
            case MAX -> { float r = d[off]; for (int i = 1; i < k; i++) r = Math.max(r, d[off + i]); yield r; }
            case MIN -> { float r = d[off]; for (int i = 1; i < k; i++) r = Math.min(r, d[off + i]); yield r; }
            case PROD -> { float r = 1; for (int i = 0; i < k; i++) r *= d[off + i]; yield r; }
            default -> {
                double s = 0;
                double m = op == ReduceOp.LOG_SUM_EXP ? maxOf(d, off, k) : 0;
                for (int i = 0; i < k; i++) {
                    double v = d[off + i];
                    s += switch (op) {
                        case L1 -> Math.abs(v);
                        case L2, SUM_SQUARE -> v * v;
                        case LOG_SUM_EXP -> Math.exp(v - m);
                        default -> v;
                    };
                }
                yield (float) finish(op, s, k, m);
            }
        };
    }

    private static double maxOf(float[] d, int off, int k) {
        float r = d[off];
        for (int i = 1; i < k; i++) r = Math.max(r, d[off + i]);
        return r;
    }

    private static double finish(ReduceOp op, double s, int k, double m) {
        return switch (op) {
            case MEAN -> s / k;
            case L2 -> Math.sqrt(s);
            case LOG_SUM -> Math.log(s);
            case LOG_SUM_EXP -> Double.isInfinite(m) ? m : m + Math.log(s);
            default -> s;
        };
    }

    private static double doubleRow(ReduceOp op, Tensor t, int off, int k) {
        if (op == ReduceOp.MAX || op == ReduceOp.MIN || op == ReduceOp.PROD) {
            double r = t.readDouble(off);
            for (int i = 1; i < k; i++) {
                double v = t.readDouble(off + i);
                r = op == ReduceOp.MAX ? Math.max(r, v) : op == ReduceOp.MIN ? Math.min(r, v) : r * v;
            }
            return r;
        }
        double m = Double.NEGATIVE_INFINITY;
        if (op == ReduceOp.LOG_SUM_EXP) for (int i = 0; i < k; i++) m = Math.max(m, t.readDouble(off + i));
        double s = 0;
        for (int i = 0; i < k; i++) {
            double v = t.readDouble(off + i);
            s += switch (op) {
                case L1 -> Math.abs(v);
                case L2, SUM_SQUARE -> v * v;
                case LOG_SUM_EXP -> Math.exp(v - m);
                default -> v;
            };
        }
        return finish(op, s, k, m);
    }

    private static long longRow(ReduceOp op, Tensor t, int off, int k, boolean unsigned) {
        long r = t.readLong(off);
        if (op == ReduceOp.L1 && !unsigned) r = Math.abs(r);
        if (op == ReduceOp.SUM_SQUARE) r *= r;
        for (int i = 1; i < k; i++) {
            long v = t.readLong(off + i);
            r = switch (op) {
                case SUM -> r + v;
                case PROD -> r * v;
                case MAX -> unsigned ? (Long.compareUnsigned(v, r) > 0 ? v : r) : Math.max(r, v);
                case MIN -> unsigned ? (Long.compareUnsigned(v, r) < 0 ? v : r) : Math.min(r, v);
                case L1 -> r + (unsigned ? v : Math.abs(v));
                case SUM_SQUARE -> r + v * v;
                default -> throw new AssertionError(op);
            };
        }
        return r;
    }

    /**
     * True when float32 can reduce without a transpose: the reduced axes are one block followed
     * by at least one kept axis, and the op accumulates elementwise.
     */
    private static boolean middleAxes(ReduceOp op, Tensor x, boolean[] reduced) {
        if (!(op == ReduceOp.SUM || op == ReduceOp.MEAN || op == ReduceOp.MAX || op == ReduceOp.MIN
                || op == ReduceOp.SUM_SQUARE)) return false;
        int rank = reduced.length;
        if (rank == 0 || reduced[rank - 1]) return false;
        int first = -1, last = -1;
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                if (first < 0) first = i;
                else if (last != i - 1) return false;
                last = i;
            }
        }
        if (first < 0) return false;
        int k = 1;
        for (int i = first; i <= last; i++) k *= x.shape().dim(i);
        return k > 0;
    }

    /** [A, K, C] reduced over K: accumulate rows of length C. x is contiguous. */
    private static void reduceMiddle(ReduceOp op, Tensor x, boolean[] reduced, Tensor out) {
        int rank = reduced.length;
        int first = 0;
        while (!reduced[first]) first++;
        int last = first;
        while (last + 1 < rank && reduced[last + 1]) last++;
        int a = 1, k = 1, c = 1;
        for (int i = 0; i < first; i++) a *= x.shape().dim(i);
        for (int i = first; i <= last; i++) k *= x.shape().dim(i);
        for (int i = last + 1; i < rank; i++) c *= x.shape().dim(i);
        float[] d = x.floatData(), o = out.floatData();
        int xo = x.offset();
        boolean simd = VectorSupport.enabled();
        int code = switch (op) {
            case SUM, MEAN -> 0;
            case MAX -> 1;
            case MIN -> 2;
            default -> 3;
        };
        for (int ai = 0; ai < a; ai++) {
            int base = ai * c;
            if (code == 3) Arrays.fill(o, base, base + c, 0f);
            else System.arraycopy(d, xo + ai * k * c, o, base, c);
            for (int ki = code == 3 ? 0 : 1; ki < k; ki++) {
                int src = xo + (ai * k + ki) * c;
                if (simd) {
                    FloatReduce.accumulate(code, o, base, d, src, c);
                } else {
                    for (int i = 0; i < c; i++) {
                        float v = d[src + i];
                        o[base + i] = switch (code) {
                            case 0 -> o[base + i] + v;
                            case 1 -> Math.max(o[base + i], v);
                            case 2 -> Math.min(o[base + i], v);
                            default -> o[base + i] + v * v;
                        };
                    }
                }
            }
            if (op == ReduceOp.MEAN) for (int i = 0; i < c; i++) o[base + i] /= k;
        }
    }

    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) { return reduce(ReduceOp.SUM, x, axes, keepDims); }
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) { return reduce(ReduceOp.MEAN, x, axes, keepDims); }
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) { return reduce(ReduceOp.MAX, x, axes, keepDims); }
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) { return reduce(ReduceOp.MIN, x, axes, keepDims); }
    public static Tensor prod(Tensor x, int[] axes, boolean keepDims) { return reduce(ReduceOp.PROD, x, axes, keepDims); }
}
