package dev.weft.onnx.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ops that cut and join tensors: Concat, Split, Slice, Tile, Pad, Trilu, DepthToSpace, SpaceToDepth. */
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
        r.add("Tile", 6, c -> c.op(Kernel.single(in -> {
            Tensor x = in.get(0);
            long[] reps = Indexing.longs(in.get(1));
            int[] xd = x.shape().dims();
            int[] od = new int[xd.length];
            for (int i = 0; i < xd.length; i++) od[i] = Math.multiplyExact(xd[i], (int) reps[i]);
            int[] xs = Indexing.strides(xd);
            return Indexing.gatherBy(x, od, idx -> {
                int f = 0;
                for (int i = 0; i < idx.length; i++) f += (idx[i] % xd[i]) * xs[i];
                return f;
            }, 0);
        })));
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
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                long k = in.size() > 1 && in.get(1) != null ? in.get(1).getLong(0) : 0;
                int[] d = x.shape().dims();
                int rows = d[d.length - 2], cols = d[d.length - 1];
                Tensor out = x.copy();
                Tensor zero = out;
                for (int i = 0; i < out.size(); i++) {
                    int col = i % cols, row = (i / cols) % rows;
                    boolean keep = upper ? col - row >= k : col - row <= k;
                    if (!keep) zero.setDouble(i, 0);
                }
                return out;
            }));
        });
        r.add("DepthToSpace", 1, c -> {
            int b = c.attrIntExact("blocksize", 1);
            boolean crd = c.attrString("mode", "DCR").equals("CRD");
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int n = x.shape().dim(0), ch = x.shape().dim(1), h = x.shape().dim(2), w = x.shape().dim(3);
                int oc = ch / (b * b);
                Tensor t = crd ? x.reshape(n, oc, b, b, h, w).transpose(0, 1, 4, 2, 5, 3)
                        : x.reshape(n, b, b, oc, h, w).transpose(0, 3, 4, 1, 5, 2);
                return t.contiguous().reshape(n, oc, h * b, w * b);
            }));
        });
        r.add("SpaceToDepth", 1, c -> {
            int b = c.attrIntExact("blocksize", 1);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int n = x.shape().dim(0), ch = x.shape().dim(1), h = x.shape().dim(2), w = x.shape().dim(3);
                return x.reshape(n, ch, h / b, b, w / b, b).transpose(0, 3, 5, 1, 2, 4).contiguous()
                        .reshape(n, ch * b * b, h / b, w / b);
            }));
        });
    }

    static Tensor concat(List<Tensor> xs, int axis0) {
        Tensor first = xs.getFirst();
        int axis = Indexing.axis(axis0, first.rank());
        int[] dims = first.shape().dims();
        int total = 0;
        for (Tensor x : xs) {
            if (x.rank() != first.rank() || x.dtype() != first.dtype()) {
                throw new IllegalArgumentException("Concat: " + x.dtype() + x.shape() + " does not match " + first.dtype() + first.shape());
            }
            for (int i = 0; i < dims.length; i++) {
                if (i != axis && x.shape().dim(i) != dims[i]) {
                    throw new IllegalArgumentException("Concat along axis " + axis + ": shapes " + first.shape() + " and " + x.shape() + " differ");
                }
            }
            total += x.shape().dim(axis);
        }
        dims[axis] = total;
        Tensor out = Tensor.zeros(first.dtype(), Shape.of(dims));
        int off = 0;
        for (Tensor x : xs) {
            int len = x.shape().dim(axis);
            if (len == 0) continue;
            Tensor view = out.slice(axis, off, off + len, 1);
            Indexing.copy(x, Indexing.positions(x), out, Indexing.positions(view));
            off += len;
        }
        return out;
    }

    static List<Tensor> split(Tensor x, int axis0, long[] split, int outs, boolean ceil) {
        int axis = Indexing.axis(axis0, x.rank());
        int d = x.shape().dim(axis);
        long[] parts = split;
        if (parts == null || parts.length == 0) {
            parts = new long[outs];
            int each = ceil ? (d + outs - 1) / outs : d / outs;
            for (int i = 0; i < outs; i++) parts[i] = Math.max(0, Math.min(each, d - (long) each * i));
        }
        List<Tensor> out = new ArrayList<>();
        int off = 0;
        for (long p : parts) {
            out.add(x.slice(axis, off, off + (int) p, 1).contiguous());
            off += (int) p;
        }
        return out;
    }

    static Tensor slice(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        Tensor out = x;
        for (int i = 0; i < starts.length; i++) {
            int axis = Indexing.axis(axes == null ? i : axes[i], x.rank());
            long step = steps == null ? 1 : steps[i];
            int dim = x.shape().dim(axis);
            int s = (int) Math.max(-dim - 1L, Math.min(dim + 1L, starts[i]));
            int e = (int) Math.max(-dim - 1L, Math.min(dim + 1L, ends[i]));
            out = out.slice(axis, s, e, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, step)));
        }
        return out;
    }

    static Tensor pad(Tensor x, long[] pads, String mode, double value, long[] axes) {
        int rank = x.rank();
        long[] full = new long[2 * rank];
        if (axes == null) {
            full = Arrays.copyOf(pads, 2 * rank);
        } else {
            for (int i = 0; i < axes.length; i++) {
                int a = Indexing.axis(axes[i], rank);
                full[a] = pads[i];
                full[a + rank] = pads[i + axes.length];
            }
        }
        int[] xd = x.shape().dims();
        int[] od = new int[rank];
        for (int i = 0; i < rank; i++) od[i] = (int) (xd[i] + full[i] + full[i + rank]);
        int[] xs = Indexing.strides(xd);
        final long[] p = full;
        return Indexing.gatherBy(x, od, idx -> {
            int f = 0;
            for (int i = 0; i < rank; i++) {
                int j = (int) (idx[i] - p[i]);
                int n = xd[i];
                if (j < 0 || j >= n) {
                    switch (mode) {
                        case "reflect" -> {
                            if (n == 1) j = 0;
                            else {
                                int period = 2 * (n - 1);
                                j = Math.floorMod(j, period);
                                if (j >= n) j = period - j;
                            }
                        }
                        case "edge" -> j = Math.max(0, Math.min(n - 1, j));
                        case "wrap" -> j = Math.floorMod(j, n);
                        default -> { return -1; }
                    }
                }
                f += j * xs[i];
            }
            return f;
        }, value);
    }
}
