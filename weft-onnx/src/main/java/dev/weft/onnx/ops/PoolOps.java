package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.nn.PoolParams;
import dev.weft.tensor.nn.Pooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** MaxPool (with indices), AveragePool, LpPool and the global pools, over any number of spatial axes. */
final class PoolOps {
    private PoolOps() {}

    /** The pooling families of this class. */
    enum Kind { MAX, AVG, LP }

    static void register(OpRegistry r) {
        r.add("MaxPool", 1, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            boolean colMajor = c.attrInt("storage_order", 0) != 0;
            if (c.outputCount() <= 1) return c.op(PlannedPool.max(a, colMajor));
            return c.op(in -> pool(Kind.MAX, in.get(0), a, false, 0, colMajor), (o, ins) -> o == 0 ? ins.get(0) : DType.INT64);
        });
        r.add("AveragePool", 1, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            boolean includePad = c.attrInt("count_include_pad", 0) != 0;
            return c.op(PlannedPool.average(a, includePad));
        });
        r.add("LpPool", 1, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int p = c.attrIntExact("p", 2);
            return c.op(in -> pool(Kind.LP, in.get(0), a, false, p, false));
        });
        r.add("GlobalAveragePool", 1, c -> c.op(Kernel.single(in -> global(in.get(0), false))));
        r.add("GlobalMaxPool", 1, c -> c.op(Kernel.single(in -> global(in.get(0), true))));
    }

    /**
     * ONNX MaxPool with one output (no indices), or AveragePool. Float32 inputs of rank 3 to 5 run
     * weft-tensor's plan for the last input shape, kept in {@code plans} (see {@link ShapeMemo}), so
     * that a steady state resolves no attributes and allocates nothing but its output; other inputs
     * take the reference loop. Made by {@link #max} or {@link #average}: {@code colMajor} matters
     * only to MaxPool's reference loop, {@code includePad} only to AveragePool.
     */
    record PlannedPool(Kind kind, Spatial.Attrs attrs, boolean colMajor, boolean includePad, ShapeMemo<Pooling.Plan> plans)
            implements SingleKernel {
        static PlannedPool max(Spatial.Attrs attrs, boolean colMajor) {
            return new PlannedPool(Kind.MAX, attrs, colMajor, false, new ShapeMemo<>());
        }

        static PlannedPool average(Spatial.Attrs attrs, boolean includePad) {
            return new PlannedPool(Kind.AVG, attrs, false, includePad, new ShapeMemo<>());
        }

        @Override
        public Tensor compute(List<Tensor> in) {
            Tensor x = in.get(0);
            if (x.dtype() != DType.FLOAT32 || x.rank() < 3 || x.rank() > 5) return pool(kind, x, attrs, includePad, 0, colMajor).getFirst();
            return kind == Kind.MAX ? Pooling.maxPool(plan(x), x) : Pooling.averagePool(plan(x), x);
        }

        /** The memo's plan when it was made for {@code x}'s shape, else a new one (which checks it) that replaces it. */
        Pooling.Plan plan(Tensor x) {
            Pooling.Plan p = plans.get(x.shape(), null);
            if (p != null) return p;
            PoolParams params = params(attrs, x);
            return plans.put(x.shape(), null, kind == Kind.MAX ? Pooling.maxPoolPlan(x, params) : Pooling.averagePoolPlan(x, params, includePad));
        }
    }

    /** weft-tensor pooling parameters with auto_pad resolved into explicit pads. */
    private static PoolParams params(Spatial.Attrs a, Tensor x) {
        int[] xd = x.shape().dims();
        Spatial s = a.resolve(Arrays.copyOfRange(xd, 2, xd.length), null);
        int n = s.kernel().length;
        int[] pads = new int[2 * n];
        System.arraycopy(s.padBegin(), 0, pads, 0, n);
        System.arraycopy(s.padEnd(), 0, pads, n, n);
        boolean explicit = a.autoPad().equals("NOTSET");
        return new PoolParams(s.kernel(), s.strides(), pads, s.dilations(), explicit && a.ceil());
    }

    /** GlobalMaxPool or GlobalAveragePool: the tensor-level kernels (four partial sums, planes split across cores). */
    static Tensor global(Tensor x, boolean max) {
        return max ? Pooling.globalMax(x) : Pooling.globalAverage(x);
    }

    static List<Tensor> pool(Kind kind, Tensor x0, Spatial.Attrs attrs, boolean includePad, int p, boolean colMajor) {
        Tensor x = x0.castTo(DType.FLOAT32).contiguous();
        int[] xd = x.shape().dims();
        int[] in = Arrays.copyOfRange(xd, 2, xd.length);
        Spatial s = attrs.resolve(in, null);
        int[][] table = s.windowTable(in);
        int inSize = Shape.of(in).size(), os = s.outSize(), ks = s.kernelSize();
        int nc = xd[0] * xd[1];
        int[] od = xd.clone();
        System.arraycopy(s.out(), 0, od, 2, in.length);
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(od));
        Tensor idx = kind == Kind.MAX ? Tensor.zeros(DType.INT64, Shape.of(od)) : null;
        float[] xf = x.floatData(), of = out.floatData();
        int[] padCount = includePad ? paddedCounts(s, in) : null;
        for (int c = 0; c < nc; c++) {
            int base = c * inSize;
            for (int o = 0; o < os; o++) {
                double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                int count = 0, arg = -1;
                for (int k = 0; k < ks; k++) {
                    int off = table[k][o];
                    if (off < 0) continue;
                    float v = xf[base + off];
                    count++;
                    switch (kind) {
                        case MAX -> { if (v > acc || arg < 0) { acc = v; arg = off; } }
                        case AVG -> acc += v;
                        case LP -> acc += Math.pow(Math.abs(v), p);
                    }
                }
                double v = switch (kind) {
                    case MAX -> acc;
                    case AVG -> acc / (includePad ? padCount[o] : Math.max(count, 1));
                    case LP -> Math.pow(acc, 1.0 / p);
                };
                of[c * os + o] = (float) v;
                if (idx != null) idx.longData()[c * os + o] = base + (colMajor ? colMajorIndex(arg, in) : arg);
            }
        }
        Tensor y = out.castTo(x0.dtype());
        List<Tensor> res = new ArrayList<>();
        res.add(y);
        if (idx != null) res.add(idx);
        return res;
    }

    private static int colMajorIndex(int rowMajor, int[] in) {
        int[] st = Indexing.strides(in);
        int idx = 0, mul = 1;
        int rest = rowMajor;
        int[] coords = new int[in.length];
        for (int i = 0; i < in.length; i++) { coords[i] = rest / st[i]; rest %= st[i]; }
        for (int i = 0; i < in.length; i++) { idx += coords[i] * mul; mul *= in[i]; }
        return idx;
    }

    /** Window sizes counting explicit padding but not the overhang that ceil_mode adds. */
    private static int[] paddedCounts(Spatial s, int[] in) {
        int n = in.length;
        int[] counts = new int[s.outSize()];
        int[] o = new int[n];
        for (int f = 0; f < counts.length; f++) {
            int c = 1;
            for (int a = 0; a < n; a++) {
                int start = o[a] * s.strides()[a] - s.padBegin()[a];
                int lo = -s.padBegin()[a], hi = in[a] + s.padEnd()[a];
                int cnt = 0;
                for (int k = 0; k < s.kernel()[a]; k++) {
                    int pos = start + k * s.dilations()[a];
                    if (pos >= lo && pos < hi) cnt++;
                }
                c *= cnt;
            }
            counts[f] = c;
            for (int a = n - 1; a >= 0; a--) { if (++o[a] < s.out()[a]) break; o[a] = 0; }
        }
        return counts;
    }
}
