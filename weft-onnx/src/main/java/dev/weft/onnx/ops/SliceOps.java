package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Assembly;
import dev.weft.tensor.ops.PadMode;
import dev.weft.tensor.ops.ShapeOps;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that cut and join tensors: Concat, Split, Slice, Tile, Pad, Trilu, DepthToSpace, SpaceToDepth.
 * The computation is {@link Assembly}'s and {@link ShapeOps}'s; this class reads the ONNX
 * attributes and inputs (which moved between them across opsets).
 */
final class SliceOps {
    private SliceOps() {}

    static void register(OpRegistry r) {
        r.add("Concat", 1, c -> {
            int axis = c.attrIntExact("axis", 1);
            return c.op(Kernel.single(in -> concat(in.stream().filter(java.util.Objects::nonNull).toList(), axis)));
        });
        r.add("Split", 1, c -> {
            int axis = c.attrIntExact("axis", 0);
            long[] split = c.attrInts("split");
            int outs = c.outputCount();
            boolean splitInput = c.opset() >= 13 || c.opset() < 2;
            boolean ceil = c.opset() >= 18;
            return c.op(in -> {
                long[] s = splitInput && in.size() > 1 && in.get(1) != null ? Indexing.longs(in.get(1)) : split;
                return split(in.get(0), axis, s, outs, ceil);
            });
        });
        r.add("Slice", 1, c -> {
            long[] starts = c.attrInts("starts"), ends = c.attrInts("ends"), axes = c.attrInts("axes");
            return c.op(Kernel.single(in -> slice(in.get(0), starts, ends, axes, null)));
        });
        r.add("Slice", 10, c -> c.op(Kernel.single(in -> slice(in.get(0), Indexing.longs(in.get(1)), Indexing.longs(in.get(2)),
                in.size() > 3 ? Indexing.longs(in.get(3)) : null, in.size() > 4 ? Indexing.longs(in.get(4)) : null))));
        r.add("Tile", 6, c -> c.op(Kernel.single(in -> Assembly.tile(in.get(0), Indexing.longs(in.get(1))))));
        r.add("Pad", 1, c -> {
            long[] pads = c.attrInts(c.opset() < 2 ? "paddings" : "pads");
            String mode = c.attrString("mode", "constant");
            double value = c.attrFloat("value", 0f);
            return c.op(Kernel.single(in -> pad(in.get(0), pads, mode, value, null)));
        });
        r.add("Pad", 11, c -> {
            String mode = c.attrString("mode", "constant");
            return c.op(Kernel.single(in -> pad(in.get(0), Indexing.longs(in.get(1)), mode,
                    in.size() > 2 && in.get(2) != null && in.get(2).size() > 0 ? in.get(2).getDouble(0) : 0,
                    in.size() > 3 && in.get(3) != null ? Indexing.longs(in.get(3)) : null)));
        });
        r.add("Trilu", 14, c -> {
            boolean upper = c.attrInt("upper", 1) != 0;
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.Generators.trilu(in.get(0),
                    in.size() > 1 && in.get(1) != null ? in.get(1).getLong(0) : 0, upper)));
        });
        r.add("DepthToSpace", 1, c -> {
            int b = c.attrIntExact("blocksize", 1);
            String mode = c.attrString("mode", "DCR");
            return c.op(Kernel.single(in -> ShapeOps.depthToSpace(in.get(0), b, mode)));
        });
        r.add("SpaceToDepth", 1, c -> {
            int b = c.attrIntExact("blocksize", 1);
            return c.op(Kernel.single(in -> ShapeOps.spaceToDepth(in.get(0), b)));
        });
    }

    static Tensor concat(List<Tensor> xs, int axis) {
        return Assembly.concat(axis, xs.toArray(Tensor[]::new));
    }

    static List<Tensor> split(Tensor x, int axis, long[] split, int outs, boolean ceil) {
        if (split != null && split.length > 0) {
            int[] sizes = new int[split.length];
            for (int i = 0; i < sizes.length; i++) sizes[i] = Math.toIntExact(split[i]);
            return List.of(Assembly.split(x, axis, sizes));
        }
        int ax = Indexing.axis(axis, x.rank());
        int d = x.shape().dim(ax);
        if (!ceil && d % outs != 0) {
            throw new IllegalArgumentException("Split: axis " + axis + " of " + x.shape() + " does not divide into " + outs
                    + " equal parts (uneven splits need opset 18)");
        }
        return List.of(Assembly.split(x, ax, outs));
    }

    static Tensor slice(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        return ShapeOps.slice(x, starts, ends, axes == null || axes.length == 0 ? null : axes, steps);
    }

    static Tensor pad(Tensor x, long[] pads, String mode, double value, long[] axes) {
        int[] ax = null;
        if (axes != null) {
            ax = new int[axes.length];
            for (int i = 0; i < ax.length; i++) ax[i] = Indexing.axis(axes[i], x.rank());
        } else if (pads.length != 2 * x.rank()) {
            pads = Arrays.copyOf(pads, 2 * x.rank());
        }
        return Assembly.pad(x, pads, ax, PadMode.of(mode), value);
    }
}
