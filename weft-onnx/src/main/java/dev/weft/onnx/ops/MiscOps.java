package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Sequence-generating and ordering ops: Range, CumSum, TopK, EyeLike. */
final class MiscOps {
    private MiscOps() {}

    static void register(OpRegistry r) {
        r.add("Range", 11, c -> c.op(Kernel.single(in -> {
            Tensor s = in.get(0), l = in.get(1), d = in.get(2);
            boolean integer = !s.dtype().isFloating();
            double start = s.getDouble(0), limit = l.getDouble(0), delta = d.getDouble(0);
            int n = (int) Math.max(0, Math.ceil((limit - start) / delta));
            Tensor out = Tensor.zeros(s.dtype(), Shape.of(n));
            for (int i = 0; i < n; i++) {
                if (integer) out.setLong(i, s.getLong(0) + i * d.getLong(0));
                else out.setDouble(i, start + i * delta);
            }
            return out;
        })));
        r.add("CumSum", 11, c -> {
            boolean exclusive = c.attrInt("exclusive", 0) != 0, reverse = c.attrInt("reverse", 0) != 0;
            return c.op(Kernel.single(in -> cumulative(in.get(0), (int) in.get(1).getLong(0), exclusive, reverse, false)));
        });
        r.add("CumProd", 26, c -> {
            boolean exclusive = c.attrInt("exclusive", 0) != 0, reverse = c.attrInt("reverse", 0) != 0;
            return c.op(Kernel.single(in -> cumulative(in.get(0), (int) in.get(1).getLong(0), exclusive, reverse, true)));
        });
        r.add("TopK", 1, c -> {
            int axis = c.attrIntExact("axis", -1);
            boolean largest = c.attrInt("largest", 1) != 0, sorted = c.attrInt("sorted", 1) != 0;
            long kAttr = c.attrInt("k", -1);
            boolean kInput = c.opset() >= 10;
            return c.op(in -> topK(in.get(0), kInput ? in.get(1).getLong(0) : kAttr, axis, largest),
                    (o, ins) -> o == 0 ? ins.get(0) : DType.INT64);
        });
        r.add("EyeLike", 9, c -> {
            int k = c.attrIntExact("k", 0);
            DType dt = c.has("dtype") ? dev.weft.onnx.io.OnnxTypes.dtype((int) c.attrInt("dtype", 1)) : null;
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                Tensor out = Tensor.zeros(dt == null ? x.dtype() : dt, x.shape());
                int rows = x.shape().dim(0), cols = x.shape().dim(1);
                for (int i = 0; i < rows; i++) if (i + k >= 0 && i + k < cols) out.setDouble(i * cols + i + k, 1);
                return out;
            }), dt == null ? DTypeRule.SAME : DTypeRule.fixed(dt));
        });
    }

    static Tensor cumulative(Tensor x0, int axis0, boolean exclusive, boolean reverse, boolean prod) {
        Tensor x = x0.contiguous();
        int axis = Indexing.axis(axis0, x.rank());
        int[] d = x.shape().dims();
        int n = d[axis], inner = 1;
        for (int i = axis + 1; i < d.length; i++) inner *= d[i];
        int outer = n * inner == 0 ? 0 : x.size() / (n * inner);
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        boolean integer = !x.dtype().isFloating();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = prod ? 1 : 0;
                long lacc = prod ? 1 : 0;
                for (int s = 0; s < n; s++) {
                    int k = reverse ? n - 1 - s : s;
                    int at = (o * n + k) * inner + i;
                    if (exclusive) {
                        if (integer) out.setLong(at, lacc); else out.setDouble(at, acc);
                    }
                    if (integer) { long v = x.getLong(at); lacc = prod ? lacc * v : lacc + v; }
                    else { double v = x.getDouble(at); acc = prod ? acc * v : acc + v; }
                    if (!exclusive) {
                        if (integer) out.setLong(at, lacc); else out.setDouble(at, acc);
                    }
                }
            }
        }
        return out;
    }

    static List<Tensor> topK(Tensor x0, long k, int axis0, boolean largest) {
        Tensor x = x0.contiguous();
        int axis = Indexing.axis(axis0, x.rank());
        int[] d = x.shape().dims();
        int n = d[axis], inner = 1;
        for (int i = axis + 1; i < d.length; i++) inner *= d[i];
        int outer = n * inner == 0 ? 0 : x.size() / (n * inner);
        if (k < 0 || k > n) throw new IllegalArgumentException("TopK: k = " + k + " but axis " + axis + " has " + n);
        int kk = (int) k;
        int[] od = d.clone();
        od[axis] = kk;
        Tensor vals = Tensor.zeros(x.dtype(), Shape.of(od)), idx = Tensor.zeros(DType.INT64, Shape.of(od));
        Integer[] order = new Integer[n];
        double[] v = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int s = 0; s < n; s++) { order[s] = s; v[s] = x.getDouble((o * n + s) * inner + i); }
                Arrays.sort(order, (a, b) -> {
                    int cmp = largest ? Double.compare(v[b], v[a]) : Double.compare(v[a], v[b]);
                    return cmp != 0 ? cmp : Integer.compare(a, b);
                });
                for (int s = 0; s < kk; s++) {
                    int at = (o * kk + s) * inner + i;
                    int src = (o * n + order[s]) * inner + i;
                    if (x.dtype().isFloating()) vals.setDouble(at, x.getDouble(src)); else vals.setLong(at, x.getLong(src));
                    idx.longData()[at] = order[s];
                }
            }
        }
        return List.of(vals, idx);
    }
}
