package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * Order-dependent ONNX operators: TopK, NonZero, CumSum and Unique (flattened). Comparisons use
 * double for floats (NaN ranks above every number) and long for integers (uint64 unsigned).
 */
public final class Sorting {
    private Sorting() {}

    /** The two outputs of TopK: values in x's dtype and int64 indices along the axis. */
    public record TopK(Tensor values, Tensor indices) {}

    /**
     * ONNX TopK: the k largest (or smallest) elements along {@code axis}, sorted, ties broken by
     * the lower index first (a stable order, as the ONNX reference gives).
     */
    public static TopK topK(Tensor x, long k, int axis, boolean largest, boolean sorted) {
        Args.rank("TopK", x, 1);
        int ax = x.shape().normalizeAxis(axis);
        int n = x.shape().dim(ax);
        if (k < 0 || k > n) throw new IllegalArgumentException("TopK: k = " + k + " is out of range for axis " + axis + " of " + x.shape());
        int kk = (int) k;
        Tensor xt = Softmax.moveAxisLast(x, ax).contiguous();
        int[] od = xt.shape().dims();
        od[od.length - 1] = kk;
        Tensor vals = Tensor.zeros(x.dtype(), Shape.of(od));
        Tensor idxs = Tensor.zeros(DType.INT64, Shape.of(od));
        int rows = n == 0 ? Shape.of(od).size() : xt.size() / n;
        if (kk == 0) rows = 0;
        long[] io = idxs.longData();
        Integer[] order = new Integer[n];
        double[] dv = new double[n];
        long[] lv = new long[n];
        boolean floating = x.dtype().isFloating(), unsigned = x.dtype() == DType.UINT64;
        for (int r = 0; r < rows; r++) {
            int off = xt.offset() + r * n;
            for (int i = 0; i < n; i++) {
                order[i] = i;
                if (floating) dv[i] = xt.readDouble(off + i);
                else lv[i] = xt.readLong(off + i);
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int c = floating ? Double.compare(dv[a], dv[b]) : unsigned ? Long.compareUnsigned(lv[a], lv[b]) : Long.compare(lv[a], lv[b]);
                return largest ? -c : c;
            });
            for (int i = 0; i < kk; i++) {
                io[r * kk + i] = order[i];
                System.arraycopy(xt.data(), off + order[i], vals.data(), r * kk + i, 1);
            }
        }
        if (ax == x.rank() - 1) return new TopK(vals, idxs);
        int rank = x.rank();
        int[] inv = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) inv[i] = i == ax ? rank - 1 : j++;
        return new TopK(vals.transpose(inv).contiguous(), idxs.transpose(inv).contiguous());
    }

    /** ONNX NonZero: int64 {@code [rank, count]} of the coordinates of the non-zero elements, row-major. */
    public static Tensor nonZero(Tensor x) {
        Tensor c = x.contiguous();
        int n = c.size();
        int count = 0;
        boolean[] nz = new boolean[n];
        for (int i = 0; i < n; i++) {
            nz[i] = x.dtype().isFloating() ? c.readDouble(c.offset() + i) != 0 : c.readLong(c.offset() + i) != 0;
            if (nz[i]) count++;
        }
        int rank = x.rank();
        Tensor out = Tensor.zeros(DType.INT64, Shape.of(rank, count));
        long[] o = out.longData();
        int[] dims = x.shape().dims();
        int[] pos = new int[rank];
        for (int i = 0, j = 0; i < n; i++) {
            if (nz[i]) {
                for (int a = 0; a < rank; a++) o[a * count + j] = pos[a];
                j++;
            }
            Indexing.advance(pos, dims);
        }
        return out;
    }

    /** ONNX CumSum along {@code axis}; {@code exclusive} leaves out the element itself, {@code reverse} sums from the end. */
    public static Tensor cumSum(Tensor x, int axis, boolean exclusive, boolean reverse) {
        return cumulative(x, axis, exclusive, reverse, false);
    }

    /** ONNX CumProd, with the same switches as {@link #cumSum}. */
    public static Tensor cumProd(Tensor x, int axis, boolean exclusive, boolean reverse) {
        return cumulative(x, axis, exclusive, reverse, true);
    }

    private static Tensor cumulative(Tensor x, int axis, boolean exclusive, boolean reverse, boolean product) {
        Args.rank(product ? "CumProd" : "CumSum", x, 1);
        int ax = x.shape().normalizeAxis(axis);
        Tensor c = x.contiguous();
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        int[] d = x.shape().dims();
        int n = d[ax], inner = 1, outer = 1;
        for (int i = 0; i < ax; i++) outer *= d[i];
        for (int i = ax + 1; i < d.length; i++) inner *= d[i];
        boolean floating = x.dtype().isFloating();
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double ds = product ? 1 : 0;
                long ls = product ? 1 : 0;
                for (int t = 0; t < n; t++) {
                    int j = reverse ? n - 1 - t : t;
                    int p = (o * n + j) * inner + in;
                    if (floating) {
                        double v = c.readDouble(c.offset() + p);
                        if (!exclusive) ds = product ? ds * v : ds + v;
                        out.writeDouble(p, ds);
                        if (exclusive) ds = product ? ds * v : ds + v;
                    } else {
                        long v = c.readLong(c.offset() + p);
                        if (!exclusive) ls = product ? ls * v : ls + v;
                        out.writeLong(p, ls);
                        if (exclusive) ls = product ? ls * v : ls + v;
                    }
                }
            }
        }
        return out;
    }

    /** The four outputs of ONNX Unique without an axis. */
    public record Unique(Tensor values, Tensor indices, Tensor inverseIndices, Tensor counts) {}

    /** ONNX Unique over the flattened input: sorted ascending, or in order of first occurrence. */
    public static Unique unique(Tensor x, boolean sorted) {
        Tensor c = x.contiguous();
        int n = c.size();
        boolean floating = x.dtype().isFloating();
        java.util.LinkedHashMap<Object, Integer> first = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = floating ? (Object) c.readDouble(c.offset() + i) : (Object) c.readLong(c.offset() + i);
            first.putIfAbsent(key, i);
        }
        java.util.List<Object> keys = new java.util.ArrayList<>(first.keySet());
        if (sorted) {
            keys.sort((a, b) -> floating ? Double.compare((Double) a, (Double) b)
                    : x.dtype() == DType.UINT64 ? Long.compareUnsigned((Long) a, (Long) b) : Long.compare((Long) a, (Long) b));
        }
        java.util.Map<Object, Integer> slot = new java.util.HashMap<>();
        for (int i = 0; i < keys.size(); i++) slot.put(keys.get(i), i);
        int u = keys.size();
        Tensor values = Tensor.zeros(x.dtype(), Shape.of(u));
        long[] idx = new long[u], inv = new long[n], counts = new long[u];
        for (int i = 0; i < u; i++) {
            int src = first.get(keys.get(i));
            idx[i] = src;
            System.arraycopy(c.data(), c.offset() + src, values.data(), i, 1);
        }
        for (int i = 0; i < n; i++) {
            Object key = floating ? (Object) c.readDouble(c.offset() + i) : (Object) c.readLong(c.offset() + i);
            int s = slot.get(key);
            inv[i] = s;
            counts[s]++;
        }
        return new Unique(values, Tensor.of(idx, u), Tensor.of(inv, n), Tensor.of(counts, u));
    }

    /**
     * ONNX Unique with an axis: the distinct slices along {@code axis}, sorted lexicographically
     * (or in order of first occurrence), with first indices, inverse indices and counts.
     */
    public static Unique unique(Tensor x, int axis, boolean sorted) {
        int ax = x.shape().normalizeAxis(axis);
        int n = x.shape().dim(ax);
        Tensor front = moveAxisFirst(x, ax).contiguous();
        int len = n == 0 ? 0 : front.size() / n;
        double[][] slices = new double[n][len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < len; j++) slices[i][j] = front.readDouble(front.offset() + i * len + j);
        }
        java.util.List<Integer> firsts = new java.util.ArrayList<>();
        java.util.Map<SliceKey, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            if (seen.putIfAbsent(new SliceKey(slices[i]), i) == null) firsts.add(i);
        }
        if (sorted) firsts.sort((a, b) -> java.util.Arrays.compare(slices[a], slices[b]));
        int u = firsts.size();
        long[] idx = new long[u], inv = new long[n], counts = new long[u];
        java.util.Map<SliceKey, Integer> slot = new java.util.HashMap<>();
        for (int k = 0; k < u; k++) {
            idx[k] = firsts.get(k);
            slot.put(new SliceKey(slices[firsts.get(k)]), k);
        }
        for (int i = 0; i < n; i++) {
            int k = slot.get(new SliceKey(slices[i]));
            inv[i] = k;
            counts[k]++;
        }
        Tensor indices = Tensor.of(idx, u);
        return new Unique(Indexing.gather(x, indices, ax), indices, Tensor.of(inv, n), Tensor.of(counts, u));
    }

    /** A slice's values with value equality, for hashing. */
    private record SliceKey(double[] values) {
        @Override
        public boolean equals(Object o) { return o instanceof SliceKey k && java.util.Arrays.equals(values, k.values); }

        @Override
        public int hashCode() { return java.util.Arrays.hashCode(values); }
    }

    private static Tensor moveAxisFirst(Tensor x, int axis) {
        int[] perm = new int[x.rank()];
        perm[0] = axis;
        for (int i = 0, j = 1; i < x.rank(); i++) if (i != axis) perm[j++] = i;
        return x.transpose(perm);
    }
}
