package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.ArgReductions;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.Reductions;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;

/**
 * ReduceX ops and ArgMax/ArgMin, mapped onto {@link Reductions} and {@link ArgReductions}. Axes
 * moved from an attribute to an input in opset 13 for ReduceSum and opset 18 for the others;
 * {@code noop_with_empty_axes} arrived with that change.
 */
final class ReduceOps {
    private ReduceOps() {}

    static void register(OpRegistry r) {
        reduce(r, "ReduceSum", ReduceOp.SUM, 13);
        reduce(r, "ReduceMean", ReduceOp.MEAN, 18);
        reduce(r, "ReduceMax", ReduceOp.MAX, 18);
        reduce(r, "ReduceMin", ReduceOp.MIN, 18);
        reduce(r, "ReduceProd", ReduceOp.PROD, 18);
        reduce(r, "ReduceL1", ReduceOp.L1, 18);
        reduce(r, "ReduceL2", ReduceOp.L2, 18);
        reduce(r, "ReduceLogSum", ReduceOp.LOG_SUM, 18);
        reduce(r, "ReduceLogSumExp", ReduceOp.LOG_SUM_EXP, 18);
        reduce(r, "ReduceSumSquare", ReduceOp.SUM_SQUARE, 18);
        r.add("ArgMax", 1, c -> arg(c, true));
        r.add("ArgMin", 1, c -> arg(c, false));
    }

    private static void reduce(OpRegistry r, String name, ReduceOp op, int axesInputSince) {
        r.add(name, 1, c -> {
            long[] axes = c.attrInts("axes");
            boolean keep = c.attrInt("keepdims", 1) != 0;
            return c.op(Kernel.single(in -> reduce(op, in.get(0), axes, keep, false)));
        });
        r.add(name, axesInputSince, c -> {
            boolean keep = c.attrInt("keepdims", 1) != 0;
            boolean noop = c.attrInt("noop_with_empty_axes", 0) != 0;
            return c.op(Kernel.single(in -> reduce(op, in.get(0),
                    in.size() > 1 && in.get(1) != null ? Indexing.longs(in.get(1)) : null, keep, noop)));
        });
    }

    /** Reduces {@code x} over {@code axes} (null or empty: all axes, unless {@code noop}). */
    static Tensor reduce(ReduceOp op, Tensor x, long[] axes, boolean keep, boolean noop) {
        boolean empty = axes == null || axes.length == 0;
        if (empty && noop) {
            // The ONNX reference applies the elementwise part of the reduction even when nothing is reduced.
            return switch (op) {
                case L1, L2 -> Unary.apply(UnaryOp.ABS, x);
                case LOG_SUM -> Unary.apply(UnaryOp.LOG, x);
                default -> Reductions.reduce(op, x, new int[0], keep, true);
            };
        }
        int[] ax = new int[empty ? 0 : axes.length];
        for (int i = 0; i < ax.length; i++) ax[i] = Indexing.axis(axes[i], x.rank());
        return Reductions.reduce(op, x, ax, keep);
    }

    private static OnnxOp arg(OpContext c, boolean max) {
        int axis = c.attrIntExact("axis", 0);
        boolean keep = c.attrInt("keepdims", 1) != 0;
        boolean last = c.attrInt("select_last_index", 0) != 0;
        return c.op(Kernel.single(in -> max ? ArgReductions.argMax(in.get(0), axis, keep, last)
                : ArgReductions.argMin(in.get(0), axis, keep, last)), DTypeRule.fixed(DType.INT64));
    }
}
