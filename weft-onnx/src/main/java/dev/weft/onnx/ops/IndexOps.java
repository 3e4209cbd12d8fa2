package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Indexing ops: Gather, GatherElements, GatherND, ScatterElements, ScatterND, OneHot, NonZero, Compress. */
final class IndexOps {
    private IndexOps() {}

    static void register(OpRegistry r) {
        r.add("Gather", 1, c -> {
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> gather(in.get(0), in.get(1), axis)));
        });
        r.add("GatherElements", 11, c -> {
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> gatherElements(in.get(0), in.get(1), axis)));
        });
        r.add("GatherND", 11, c -> {
            int batch = c.attrIntExact("batch_dims", 0);
            return c.op(Kernel.single(in -> gatherNd(in.get(0), in.get(1), batch)));
        });
        for (String name : new String[] {"Scatter", "ScatterElements"}) {
            r.add(name, 9, c -> {
                int axis = c.attrIntExact("axis", 0);
                String red = c.attrString("reduction", "none");
                return c.op(Kernel.single(in -> scatterElements(in.get(0), in.get(1), in.get(2), axis, red)));
            });
        }
        r.add("ScatterND", 11, c -> {
            String red = c.attrString("reduction", "none");
            return c.op(Kernel.single(in -> scatterNd(in.get(0), in.get(1), in.get(2), red)));
        });
        r.add("OneHot", 9, c -> {
            int axis = c.attrIntExact("axis", -1);
            return c.op(Kernel.single(in -> oneHot(in.get(0), in.get(1), in.get(2), axis)), DTypeRule.ofInput(2));
        });
        r.add("NonZero", 9, c -> c.op(Kernel.single(in -> nonZero(in.get(0))), DTypeRule.fixed(DType.INT64)));
        r.add("Compress", 9, c -> {
            Long axis = c.has("axis") ? c.attrInt("axis", 0) : null;
            return c.op(Kernel.single(in -> compress(in.get(0), in.get(1), axis)));
        });
    }

    private static int index(long i, int dim, String op) {
        long j = i < 0 ? i + dim : i;
        if (j < 0 || j >= dim) throw new IllegalArgumentException(op + ": index " + i + " is out of range for a dimension of " + dim);
        return (int) j;
    }

    static Tensor gather(Tensor x, Tensor indices, int axis0) {
        int axis = Indexing.axis(axis0, x.rank());
        int[] xd = x.shape().dims();
        int[] id = indices.shape().dims();
        long[] idx = indices.toLongArray();
        int[] od = new int[xd.length - 1 + id.length];
        int k = 0;
        for (int i = 0; i < axis; i++) od[k++] = xd[i];
        for (int d : id) od[k++] = d;
        for (int i = axis + 1; i < xd.length; i++) od[k++] = xd[i];
        int[] xs = Indexing.strides(xd);
        int ir = id.length;
        int[] is = Indexing.strides(id);
        int[] resolved = new int[idx.length];
        for (int i = 0; i < idx.length; i++) resolved[i] = index(idx[i], xd[axis], "Gather");
        return Indexing.gatherBy(x, od, o -> {
            int f = 0;
            for (int i = 0; i < axis; i++) f += o[i] * xs[i];
            int flat = 0;
            for (int i = 0; i < ir; i++) flat += o[axis + i] * is[i];
            f += resolved[flat] * xs[axis];
            for (int i = axis + 1; i < xd.length; i++) f += o[i - 1 + ir] * xs[i];
            return f;
        }, 0);
    }

    static Tensor gatherElements(Tensor x, Tensor indices, int axis0) {
        int axis = Indexing.axis(axis0, x.rank());
        int[] xd = x.shape().dims();
        int[] xs = Indexing.strides(xd);
        Tensor ic = indices.contiguous();
        return Indexing.gatherBy(x, indices.shape().dims(), o -> {
            int f = 0;
            int flat = 0;
            int[] is = Indexing.strides(indices.shape().dims());
            for (int i = 0; i < o.length; i++) flat += o[i] * is[i];
            for (int i = 0; i < o.length; i++) {
                int j = i == axis ? index(ic.getLong(flat), xd[axis], "GatherElements") : o[i];
                f += j * xs[i];
            }
            return f;
        }, 0);
    }

    static Tensor gatherNd(Tensor x, Tensor indices, int batch) {
        int[] xd = x.shape().dims();
        int[] id = indices.shape().dims();
        int q = id.length, kk = id[q - 1];
        List<Integer> od = new ArrayList<>();
        for (int i = 0; i < q - 1; i++) od.add(id[i]);
        for (int i = batch + kk; i < xd.length; i++) od.add(xd[i]);
        int[] outDims = od.stream().mapToInt(Integer::intValue).toArray();
        int[] xs = Indexing.strides(xd);
        int[] is = Indexing.strides(id);
        long[] idx = indices.toLongArray();
        return Indexing.gatherBy(x, outDims, o -> {
            int f = 0;
            int ibase = 0;
            for (int i = 0; i < q - 1; i++) ibase += o[i] * is[i];
            for (int i = 0; i < batch; i++) f += o[i] * xs[i];
            for (int j = 0; j < kk; j++) f += index(idx[ibase + j], xd[batch + j], "GatherND") * xs[batch + j];
            for (int i = batch + kk; i < xd.length; i++) f += o[q - 1 + i - batch - kk] * xs[i];
            return f;
        }, 0);
    }

    private static double combine(String red, double old, double v) {
        return switch (red) {
            case "add" -> old + v;
            case "mul" -> old * v;
            case "max" -> Math.max(old, v);
            case "min" -> Math.min(old, v);
            default -> v;
        };
    }

    static Tensor scatterElements(Tensor data, Tensor indices, Tensor updates, int axis0, String red) {
        int axis = Indexing.axis(axis0, data.rank());
        Tensor out = data.copy();
        int[] dd = data.shape().dims();
        int[] ds = Indexing.strides(dd);
        Tensor ic = indices.contiguous(), uc = updates.contiguous();
        Indexing.forEach(indices.shape().dims(), (flat, o) -> {
            int f = 0;
            for (int i = 0; i < o.length; i++) {
                int j = i == axis ? index(ic.getLong(flat), dd[axis], "ScatterElements") : o[i];
                f += j * ds[i];
            }
            out.setDouble(f, combine(red, out.getDouble(f), uc.getDouble(flat)));
        });
        return out;
    }

    static Tensor scatterNd(Tensor data, Tensor indices, Tensor updates, String red) {
        Tensor out = data.copy();
        int[] dd = data.shape().dims();
        int[] ds = Indexing.strides(dd);
        int[] id = indices.shape().dims();
        int kk = id[id.length - 1];
        int slice = 1;
        for (int i = kk; i < dd.length; i++) slice *= dd[i];
        long[] idx = indices.toLongArray();
        int n = idx.length / Math.max(kk, 1);
        Tensor uc = updates.contiguous();
        for (int u = 0; u < n; u++) {
            int base = 0;
            for (int j = 0; j < kk; j++) base += index(idx[u * kk + j], dd[j], "ScatterND") * ds[j];
            for (int e = 0; e < slice; e++) {
                out.setDouble(base + e, combine(red, out.getDouble(base + e), uc.getDouble(u * slice + e)));
            }
        }
        return out;
    }

    static Tensor oneHot(Tensor indices, Tensor depthT, Tensor values, int axis0) {
        int depth = (int) depthT.getDouble(0);
        int rank = indices.rank() + 1;
        int axis = Indexing.axis(axis0, rank);
        int[] id = indices.shape().dims();
        int[] od = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) od[i] = i == axis ? depth : id[j++];
        Tensor out = Tensor.zeros(values.dtype(), Shape.of(od));
        double off = values.getDouble(0), on = values.getDouble(1);
        int[] is = Indexing.strides(id);
        Indexing.forEach(od, (flat, o) -> {
            int f = 0;
            for (int i = 0, j = 0; i < rank; i++) if (i != axis) f += o[i] * is[j++];
            long k = (long) indices.getDouble(f);
            if (k < 0) k += depth;
            out.setDouble(flat, k == o[axis] ? on : off);
        });
        return out;
    }

    static Tensor nonZero(Tensor x) {
        int[] xd = x.shape().dims();
        List<int[]> hits = new ArrayList<>();
        Indexing.forEach(xd, (flat, o) -> {
            if (x.getDouble(flat) != 0) hits.add(o.clone());
        });
        int rank = Math.max(xd.length, 1);
        Tensor out = Tensor.zeros(DType.INT64, Shape.of(xd.length, hits.size()));
        for (int h = 0; h < hits.size(); h++) {
            for (int a = 0; a < xd.length; a++) out.longData()[a * hits.size() + h] = hits.get(h)[a];
        }
        return rank > 0 ? out : out;
    }

    static Tensor compress(Tensor x, Tensor cond, Long axis) {
        Tensor src = axis == null ? x.reshape(x.size()) : x;
        int a = axis == null ? 0 : Indexing.axis(axis, x.rank());
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < Math.min(cond.size(), src.shape().dim(a)); i++) if (cond.getLong(i) != 0) keep.add(i);
        List<Tensor> parts = new ArrayList<>();
        for (int i : keep) parts.add(src.slice(a, i, i + 1, 1));
        if (parts.isEmpty()) {
            int[] d = src.shape().dims();
            d[a] = 0;
            return Tensor.zeros(x.dtype(), Shape.of(d));
        }
        return SliceOps.concat(parts, a);
    }
}
