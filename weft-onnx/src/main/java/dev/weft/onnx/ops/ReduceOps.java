package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * ReduceX ops and ArgMax/ArgMin. Axes moved from an attribute to an input in opset 13 for
 * ReduceSum and opset 18 for the others; {@code noop_with_empty_axes} arrived with that change.
 */
final class ReduceOps {
    private ReduceOps() {}

    enum Kind { SUM, MEAN, MAX, MIN, PROD, L1, L2, LOG_SUM, LOG_SUM_EXP, SUM_SQUARE }

    static void register(OpRegistry r) {
        reduce(r, "ReduceSum", Kind.SUM, 13);
        reduce(r, "ReduceMean", Kind.MEAN, 18);
        reduce(r, "ReduceMax", Kind.MAX, 18);
        reduce(r, "ReduceMin", Kind.MIN, 18);
        reduce(r, "ReduceProd", Kind.PROD, 18);
        reduce(r, "ReduceL1", Kind.L1, 18);
        reduce(r, "ReduceL2", Kind.L2, 18);
        reduce(r, "ReduceLogSum", Kind.LOG_SUM, 18);
        reduce(r, "ReduceLogSumExp", Kind.LOG_SUM_EXP, 18);
        reduce(r, "ReduceSumSquare", Kind.SUM_SQUARE, 18);
        arg(r, "ArgMax", true);
        arg(r, "ArgMin", false);
    }

    private static void reduce(OpRegistry r, String name, Kind kind, int axesInputSince) {
        r.add(name, 1, c -> {
            long[] axes = c.attrInts("axes");
            boolean keep = c.attrInt("keepdims", 1) != 0;
            return c.op(Kernel.single(in -> reduce(kind, in.get(0), axes, keep, false)));
        });
        r.add(name, axesInputSince, c -> {
            boolean keep = c.attrInt("keepdims", 1) != 0;
            boolean noop = c.attrInt("noop_with_empty_axes", 0) != 0;
            return c.op(Kernel.single(in -> reduce(kind, in.get(0),
                    in.size() > 1 && in.get(1) != null ? Indexing.longs(in.get(1)) : null, keep, noop)));
        });
    }

    /** Reduces {@code x} over {@code axes} (null or empty: all axes, unless {@code noop}). */
    static Tensor reduce(Kind kind, Tensor x, long[] axes, boolean keep, boolean noop) {
        int rank = x.rank();
        if ((axes == null || axes.length == 0) && noop) {
            return kind == Kind.SUM || kind == Kind.MEAN || kind == Kind.MAX || kind == Kind.MIN || kind == Kind.PROD
                    ? x.copy() : reduceNone(kind, x);
        }
        boolean[] red = new boolean[rank];
        if (axes == null || axes.length == 0) Arrays.fill(red, true);
        else for (long a : axes) red[Indexing.axis(a, rank)] = true;
        int[] dims = x.shape().dims();
        int[] keptDims = dims.clone();
        for (int i = 0; i < rank; i++) if (red[i]) keptDims[i] = 1;
        int[] ks = Indexing.strides(keptDims);
        int outSize = Shape.of(keptDims).size();
        double[] acc = new double[outSize];
        double init = switch (kind) {
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            case PROD -> 1;
            default -> 0;
        };
        Arrays.fill(acc, init);
        double[] maxes = null;
        if (kind == Kind.LOG_SUM_EXP) {
            maxes = reduce(Kind.MAX, x.castTo(DType.FLOAT64), axes, true, false).toDoubleArray();
        }
        int[] pos = Indexing.positions(x);
        int[] idx = new int[rank];
        int count = 1;
        for (int i = 0; i < rank; i++) if (red[i]) count *= dims[i];
        for (int i = 0; i < pos.length; i++) {
            int o = 0;
            for (int ax = 0; ax < rank; ax++) if (!red[ax]) o += idx[ax] * ks[ax];
            double v = x.readDouble(pos[i]);
            acc[o] = switch (kind) {
                case SUM, MEAN, LOG_SUM -> acc[o] + v;
                case MAX -> Double.isNaN(v) || v > acc[o] ? v : acc[o];
                case MIN -> Double.isNaN(v) || v < acc[o] ? v : acc[o];
                case PROD -> acc[o] * v;
                case L1 -> acc[o] + Math.abs(v);
                case L2, SUM_SQUARE -> acc[o] + v * v;
                case LOG_SUM_EXP -> acc[o] + Math.exp(v - maxes[o]);
            };
            for (int ax = rank - 1; ax >= 0; ax--) {
                if (++idx[ax] < dims[ax]) break;
                idx[ax] = 0;
            }
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(keptDims));
        for (int o = 0; o < outSize; o++) {
            double v = switch (kind) {
                case MEAN -> acc[o] / count;
                case L2 -> Math.sqrt(acc[o]);
                case LOG_SUM -> Math.log(acc[o]);
                case LOG_SUM_EXP -> count == 0 ? Double.NEGATIVE_INFINITY : maxes[o] + Math.log(acc[o]);
                default -> acc[o];
            };
            if (!x.dtype().isFloating() && Double.isInfinite(v)) {
                v = v > 0 ? maxOf(x.dtype()) : minOf(x.dtype());
            }
            out.setDouble(o, v);
        }
        if (keep) return out;
        int[] squeezed = new int[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) if (!red[i]) squeezed[n++] = dims[i];
        return out.reshape(Shape.of(Arrays.copyOf(squeezed, n)));
    }

    private static Tensor reduceNone(Kind kind, Tensor x) {
        return Maps.unary(x, x.dtype(), v -> switch (kind) {
            case L1 -> Math.abs(v);
            case L2 -> Math.abs(v);
            case SUM_SQUARE -> v * v;
            case LOG_SUM -> Math.log(v);
            default -> v;
        }, null);
    }

    private static double maxOf(DType d) {
        return switch (d) {
            case INT8 -> Byte.MAX_VALUE; case UINT8 -> 255; case INT16 -> Short.MAX_VALUE; case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE; case UINT32 -> 4294967295.0; default -> Long.MAX_VALUE;
        };
    }

    private static double minOf(DType d) {
        return switch (d) {
            case INT8 -> Byte.MIN_VALUE; case INT16 -> Short.MIN_VALUE; case INT32 -> Integer.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0; default -> Long.MIN_VALUE;
        };
    }

    private static void arg(OpRegistry r, String name, boolean max) {
        r.add(name, 1, c -> {
            int axis = c.attrIntExact("axis", 0);
            boolean keep = c.attrInt("keepdims", 1) != 0;
            boolean last = c.attrInt("select_last_index", 0) != 0;
            return c.op(Kernel.single(in -> argReduce(in.get(0), axis, keep, last, max)), DTypeRule.fixed(DType.INT64));
        });
    }

    static Tensor argReduce(Tensor x0, int axis0, boolean keep, boolean last, boolean max) {
        Tensor x = x0.contiguous();
        int axis = Indexing.axis(axis0, x.rank());
        int[] dims = x.shape().dims();
        int n = dims[axis];
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) inner *= dims[i];
        int outer = n * inner == 0 ? 0 : x.size() / (n * inner);
        int[] od = dims.clone();
        od[axis] = 1;
        Tensor out = Tensor.zeros(DType.INT64, Shape.of(od));
        long[] o = out.longData();
        for (int a = 0; a < outer; a++) {
            for (int b = 0; b < inner; b++) {
                int best = 0;
                double bv = x.getDouble(a * n * inner + b);
                for (int k = 1; k < n; k++) {
                    double v = x.getDouble(a * n * inner + k * inner + b);
                    boolean better = max ? (last ? v >= bv : v > bv) : (last ? v <= bv : v < bv);
                    if (better) { best = k; bv = v; }
                }
                o[a * inner + b] = best;
            }
        }
        if (keep) return out;
        return out.squeeze(axis);
    }
}
