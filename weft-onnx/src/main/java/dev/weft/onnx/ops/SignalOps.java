package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** DFT (opsets 17 and 20) by direct summation in double precision, and MaxUnpool. */
final class SignalOps {
    private SignalOps() {}

    static void register(OpRegistry r) {
        r.add("DFT", 17, c -> {
            int axis = c.attrIntExact("axis", 1);
            boolean inverse = c.attrInt("inverse", 0) != 0, onesided = c.attrInt("onesided", 0) != 0;
            return c.op(Kernel.single(in -> dft(in.get(0), in.size() > 1 ? in.get(1) : null, axis, inverse, onesided)));
        });
        r.add("DFT", 20, c -> {
            boolean inverse = c.attrInt("inverse", 0) != 0, onesided = c.attrInt("onesided", 0) != 0;
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                long axis = in.size() > 2 && in.get(2) != null ? in.get(2).getLong(0) : -2;
                int a = (int) (axis < 0 ? axis + x.rank() : axis);
                return dft(x, in.size() > 1 ? in.get(1) : null, a, inverse, onesided);
            }));
        });
        r.add("MaxUnpool", 9, c -> {
            int[] kernel = c.attrIntArray("kernel_shape", null), strides = c.attrIntArray("strides", null),
                    pads = c.attrIntArray("pads", null);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0), idx = in.get(1);
                int[] xd = x.shape().dims();
                int nsp = xd.length - 2;
                int[] inferred = xd.clone();
                for (int i = 0; i < nsp; i++) {
                    int st = strides == null ? 1 : strides[i];
                    int pb = pads == null ? 0 : pads[i], pe = pads == null ? 0 : pads[i + nsp];
                    inferred[2 + i] = (xd[2 + i] - 1) * st + kernel[i] - pb - pe;
                }
                int[] od = inferred.clone();
                if (in.size() > 2 && in.get(2) != null) {
                    long[] s = in.get(2).toLongArray();
                    for (int i = 0; i < od.length; i++) od[i] = (int) s[i];
                }
                // Indices are flat positions in the inferred shape; place them in the requested one.
                int[] is = Indexing.strides(inferred), os = Indexing.strides(od);
                Tensor out = Tensor.zeros(x.dtype(), Shape.of(od));
                for (int i = 0; i < x.size(); i++) {
                    long flat = idx.getLong(i);
                    int at = 0;
                    for (int a = 0; a < od.length; a++) {
                        at += (int) (flat / is[a]) * os[a];
                        flat %= is[a];
                    }
                    out.setDouble(at, x.getDouble(i));
                }
                return out;
            }));
        });
    }

    static Tensor dft(Tensor x0, Tensor lengthT, int axis, boolean inverse, boolean onesided) {
        Tensor x = x0.castTo(DType.FLOAT64).contiguous();
        int[] d = x.shape().dims();
        int rank = d.length;
        int comps = d[rank - 1];
        int n = d[axis];
        boolean irfft = inverse && onesided;
        int len = lengthT == null ? (irfft ? 2 * (n - 1) : n) : (int) lengthT.getLong(0);
        int outLen = irfft ? len : onesided ? len / 2 + 1 : len;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= d[i];
        for (int i = axis + 1; i < rank - 1; i++) inner *= d[i];
        int[] od = d.clone();
        od[axis] = outLen;
        od[rank - 1] = irfft ? 1 : 2;
        double[] out = new double[Shape.of(od).size()];
        double[] xv = x.doubleData();
        double sign = inverse ? 1 : -1;
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < outLen; k++) {
                for (int b = 0; b < inner; b++) {
                    double re = 0, im = 0;
                    for (int t = 0; t < (irfft ? len : Math.min(n, len)); t++) {
                        // irfft: bins past the stored half are the conjugates of their mirrors.
                        int src = irfft && t >= n ? len - t : t;
                        if (src >= n) continue;
                        int at = ((o * n + src) * inner + b) * comps;
                        double xr = xv[at], xi = comps > 1 ? (irfft && t >= n ? -xv[at + 1] : xv[at + 1]) : 0;
                        double ang = sign * 2 * Math.PI * ((long) k * t % len) / len;
                        double cs = Math.cos(ang), sn = Math.sin(ang);
                        re += xr * cs - xi * sn;
                        im += xr * sn + xi * cs;
                    }
                    if (inverse) {
                        re /= len;
                        im /= len;
                    }
                    if (irfft) {
                        out[(o * outLen + k) * inner + b] = re;
                    } else {
                        int at = ((o * outLen + k) * inner + b) * 2;
                        out[at] = re;
                        out[at + 1] = im;
                    }
                }
            }
        }
        return Tensor.of(out, od).castTo(x0.dtype());
    }
}
