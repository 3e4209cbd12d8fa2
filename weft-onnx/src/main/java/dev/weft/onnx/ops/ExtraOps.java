package dev.weft.onnx.ops;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Less common ops: window functions, Det, ReverseSequence, CenterCropPad, integer and quantized matmul/conv. */
final class ExtraOps {
    private ExtraOps() {}

    static void register(OpRegistry r) {
        window(r, "HannWindow", (n, d) -> 0.5 - 0.5 * Math.cos(2 * Math.PI * n / d));
        window(r, "HammingWindow", (n, d) -> 25.0 / 46 - (1 - 25.0 / 46) * Math.cos(2 * Math.PI * n / d));
        window(r, "BlackmanWindow", (n, d) -> 0.42 - 0.5 * Math.cos(2 * Math.PI * n / d) + 0.08 * Math.cos(4 * Math.PI * n / d));
        r.add("Det", 11, c -> c.op(Kernel.single(in -> det(in.get(0)))));
        r.add("ReverseSequence", 10, c -> {
            int batchAxis = c.attrIntExact("batch_axis", 1), timeAxis = c.attrIntExact("time_axis", 0);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                long[] lens = in.get(1).toLongArray();
                int[] xs = Indexing.strides(x.shape().dims());
                return Indexing.gatherBy(x, x.shape().dims(), idx -> {
                    int t = idx[timeAxis];
                    long len = lens[idx[batchAxis]];
                    int src = t < len ? (int) (len - 1 - t) : t;
                    int f = 0;
                    for (int i = 0; i < idx.length; i++) f += (i == timeAxis ? src : idx[i]) * xs[i];
                    return f;
                }, 0);
            }));
        });
        r.add("CenterCropPad", 18, c -> {
            long[] axes = c.attrInts("axes");
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                long[] target = in.get(1).toLongArray();
                int[] xd = x.shape().dims();
                int[] od = xd.clone();
                int[] offset = new int[xd.length];
                for (int i = 0; i < target.length; i++) {
                    int a = axes == null ? i : Indexing.axis(axes[i], xd.length);
                    od[a] = (int) target[i];
                    // Negative offset: crop (skip leading input); positive: pad before.
                    offset[a] = xd[a] >= od[a] ? -((xd[a] - od[a]) / 2) : (od[a] - xd[a]) / 2;
                }
                int[] xs = Indexing.strides(xd);
                return Indexing.gatherBy(x, od, idx -> {
                    int f = 0;
                    for (int i = 0; i < idx.length; i++) {
                        int j = idx[i] - offset[i];
                        if (j < 0 || j >= xd[i]) return -1;
                        f += j * xs[i];
                    }
                    return f;
                }, 0);
            }));
        });
        r.add("MatMulInteger", 10, c -> c.op(Kernel.single(in -> {
            Tensor a = shift(in.get(0), in.size() > 2 ? in.get(2) : null, true);
            Tensor b = shift(in.get(1), in.size() > 3 ? in.get(3) : null, false);
            return dev.weft.tensor.ops.MatMul.matmul(a, b).castTo(DType.INT32);
        }), DTypeRule.fixed(DType.INT32)));
        r.add("ConvInteger", 10, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1);
            return c.op(Kernel.single(in -> {
                Tensor x = Maps.binary(in.get(0).castTo(DType.FLOAT32),
                        in.size() > 2 && in.get(2) != null ? in.get(2).castTo(DType.FLOAT32) : Tensor.scalar(0f),
                        DType.FLOAT32, (p, q) -> p - q, null);
                Tensor wzp = in.size() > 3 && in.get(3) != null ? in.get(3).castTo(DType.FLOAT32) : Tensor.scalar(0f);
                if (wzp.rank() == 1 && wzp.size() > 1) {
                    // One zero point per output channel: it applies along the weights' axis 0.
                    int[] d = new int[in.get(1).rank()];
                    java.util.Arrays.fill(d, 1);
                    d[0] = wzp.size();
                    wzp = wzp.reshape(d);
                }
                Tensor w = Maps.binary(in.get(1).castTo(DType.FLOAT32), wzp, DType.FLOAT32, (p, q) -> p - q, null);
                return Maps.unary(NnOps.conv(x, w, null, a, group), DType.INT32, Math::rint, null);
            }), DTypeRule.fixed(DType.INT32));
        });
        r.add("QLinearMatMul", 10, c -> c.op(Kernel.single(in -> {
            Tensor a = dequant(in.get(0), in.get(1), in.get(2)), b = dequant(in.get(3), in.get(4), in.get(5));
            Tensor y = dev.weft.tensor.ops.MatMul.matmul(a, b);
            double ys = in.get(6).getDouble(0), zp = in.get(7).getDouble(0);
            DType out = in.get(7).dtype();
            Tensor q = Tensor.zeros(out, y.shape());
            for (int i = 0; i < y.size(); i++) {
                double v = Math.rint(y.getDouble(i) / ys) + zp;
                q.setLong(i, (long) Math.max(QuantOps.min(out), Math.min(QuantOps.max(out), v)));
            }
            return q;
        }), DTypeRule.ofInput(7)));
    }

    private static Tensor dequant(Tensor x, Tensor scale, Tensor zp) {
        double s = scale.getDouble(0), z = zp.getDouble(0);
        return Maps.unary(x.castTo(DType.FLOAT64), DType.FLOAT64, v -> (v - z) * s, null);
    }

    /** x minus its zero point (per tensor, per row of A, or per column of B), as int64. */
    private static Tensor shift(Tensor x, Tensor zp, boolean rows) {
        Tensor xl = x.castTo(DType.INT64);
        if (zp == null) return xl;
        Tensor z = zp.castTo(DType.INT64);
        if (z.size() > 1 && rows) z = z.reshape(z.size(), 1);
        return Maps.binary(xl, z, DType.INT64, (p, q) -> p - q, (p, q) -> p - q);
    }

    private interface WindowFn {
        double at(double n, double denom);
    }

    private static void window(OpRegistry r, String name, WindowFn fn) {
        r.add(name, 17, c -> {
            DType dt = OnnxTypes.dtype((int) c.attrInt("output_datatype", 1));
            boolean periodic = c.attrInt("periodic", 1) != 0;
            return c.op(Kernel.single(in -> {
                int n = (int) in.get(0).getLong(0);
                Tensor out = Tensor.zeros(dt, Shape.of(Math.max(n, 0)));
                double denom = periodic ? n : n - 1;
                for (int i = 0; i < n; i++) out.setDouble(i, fn.at(i, denom));
                return out;
            }), DTypeRule.fixed(dt));
        });
    }

    static Tensor det(Tensor x) {
        int[] d = x.shape().dims();
        int n = d[d.length - 1];
        int batch = x.size() / Math.max(1, n * n);
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(java.util.Arrays.copyOf(d, d.length - 2)));
        double[] m = new double[n * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n * n; i++) m[i] = x.getDouble(b * n * n + i);
            double det = 1;
            for (int col = 0; col < n; col++) {
                int piv = col;
                for (int row = col + 1; row < n; row++) if (Math.abs(m[row * n + col]) > Math.abs(m[piv * n + col])) piv = row;
                if (m[piv * n + col] == 0) { det = 0; break; }
                if (piv != col) {
                    for (int k = 0; k < n; k++) { double t = m[col * n + k]; m[col * n + k] = m[piv * n + k]; m[piv * n + k] = t; }
                    det = -det;
                }
                det *= m[col * n + col];
                for (int row = col + 1; row < n; row++) {
                    double f = m[row * n + col] / m[col * n + col];
                    for (int k = col; k < n; k++) m[row * n + k] -= f * m[col * n + k];
                }
            }
            out.setDouble(b, det);
        }
        return out;
    }

    static List<Tensor> list(Tensor... ts) { return new ArrayList<>(List.of(ts)); }
}
