package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Binary;

/** AffineGrid (2-D and 3-D) and Col2Im (any spatial rank). */
final class GeometryOps {
    private GeometryOps() {}

    static void register(OpRegistry r) {
        r.add("AffineGrid", 20, c -> {
            boolean align = c.attrInt("align_corners", 0) != 0;
            return c.op(Kernel.single(in -> affineGrid(in.get(0), in.get(1).toLongArray(), align)));
        });
        r.add("SwiGLU", 28, c -> {
            double alpha = c.attrFloat("alpha", 1f);
            return c.op(Kernel.single(in -> Binary.mul(Activations.swish(in.get(0), alpha), in.get(1))));
        });
        r.add("TensorScatter", 24, c -> {
            int axis0 = c.attrIntExact("axis", -2);
            boolean circular = c.attrString("mode", "linear").equals("circular");
            return c.op(Kernel.single(in -> {
                Tensor past = in.get(0), upd = in.get(1), idx = in.size() > 2 ? in.get(2) : null;
                int axis = Indexing.axis(axis0, past.rank());
                int max = past.shape().dim(axis);
                Tensor out = past.copy();
                int[] us = Indexing.strides(upd.shape().dims()), ps = Indexing.strides(past.shape().dims());
                Tensor uc = upd.contiguous();
                Indexing.forEach(upd.shape().dims(), (flat, o) -> {
                    long start = idx == null ? 0 : idx.getLong(o[0]);
                    long at = start + o[axis];
                    if (circular) at = Math.floorMod(at, max);
                    if (at < 0 || at >= max) throw new IllegalArgumentException("TensorScatter: write index " + at + " outside " + max);
                    int f = 0;
                    for (int i = 0; i < o.length; i++) f += (i == axis ? (int) at : o[i]) * ps[i];
                    if (past.dtype().isFloating()) out.setDouble(f, uc.getDouble(flat));
                    else out.setLong(f, uc.getLong(flat));
                });
                return out;
            }));
        });
        r.add("CausalConvWithState", 27, c -> {
            String act = c.attrString("activation", "none");
            Spatial.Attrs none = new Spatial.Attrs(null, null, null, null, "NOTSET", false);
            return c.op(in -> {
                Tensor x = in.get(0), w = in.get(1);
                Tensor bias = in.size() > 2 ? in.get(2) : null, past = in.size() > 3 ? in.get(3) : null;
                int b = x.shape().dim(0), ch = x.shape().dim(1), k = w.shape().dim(2);
                Tensor state = past != null ? past : Tensor.zeros(x.dtype(), Shape.of(b, ch, k - 1));
                Tensor padded = SliceOps.concat(java.util.List.of(state, x), 2);
                Tensor y = NnOps.conv(padded, w, bias, none, ch);
                if (act.equals("silu") || act.equals("swish")) {
                    y = Activations.swish(y, 1);
                }
                int len = padded.shape().dim(2);
                Tensor present = padded.slice(2, len - (k - 1), len, 1).contiguous();
                return java.util.List.of(y, present);
            });
        });
        r.add("Col2Im", 18, c -> {
            int[] dil = c.attrIntArray("dilations", null), pads = c.attrIntArray("pads", null), strides = c.attrIntArray("strides", null);
            return c.op(Kernel.single(in -> col2im(in.get(0), Indexing.ints(in.get(1)), Indexing.ints(in.get(2)), dil, pads, strides)));
        });
    }

    private static double coord(int i, int n, boolean align) {
        if (align) return n == 1 ? 0 : -1 + 2.0 * i / (n - 1);
        return (2.0 * i + 1) / n - 1;
    }

    static Tensor affineGrid(Tensor theta, long[] size, boolean align) {
        int n = (int) size[0];
        int nsp = size.length - 2;
        int[] sp = new int[nsp];
        for (int i = 0; i < nsp; i++) sp[i] = (int) size[2 + i];
        int[] od = new int[nsp + 2];
        od[0] = n;
        System.arraycopy(sp, 0, od, 1, nsp);
        od[nsp + 1] = nsp;
        Tensor out = Tensor.zeros(theta.dtype(), Shape.of(od));
        int points = Shape.of(sp).size();
        for (int b = 0; b < n; b++) {
            int[] idx = new int[nsp];
            for (int p = 0; p < points; p++) {
                // Homogeneous point (x, y[, z], 1): x runs along the last spatial axis.
                double[] pt = new double[nsp + 1];
                for (int k = 0; k < nsp; k++) pt[k] = coord(idx[nsp - 1 - k], sp[nsp - 1 - k], align);
                pt[nsp] = 1;
                for (int row = 0; row < nsp; row++) {
                    double v = 0;
                    for (int k = 0; k <= nsp; k++) v += theta.getDouble((b * nsp + row) * (nsp + 1) + k) * pt[k];
                    out.setDouble((b * points + p) * nsp + row, v);
                }
                for (int a = nsp - 1; a >= 0; a--) { if (++idx[a] < sp[a]) break; idx[a] = 0; }
            }
        }
        return out;
    }

    static Tensor col2im(Tensor x0, int[] image, int[] block, int[] dil0, int[] pads0, int[] strides0) {
        Tensor x = x0.castTo(DType.FLOAT64).contiguous();
        int nsp = image.length;
        int[] dil = dil0 != null ? dil0 : Spatial.ones(nsp), st = strides0 != null ? strides0 : Spatial.ones(nsp);
        int[] pads = pads0 != null ? pads0 : new int[2 * nsp];
        int n = x.shape().dim(0), ks = Shape.of(block).size(), ch = x.shape().dim(1) / ks, l = x.shape().dim(2);
        int[] out = new int[nsp];
        for (int i = 0; i < nsp; i++) out[i] = (image[i] + pads[i] + pads[i + nsp] - dil[i] * (block[i] - 1) - 1) / st[i] + 1;
        int[] od = new int[nsp + 2];
        od[0] = n;
        od[1] = ch;
        System.arraycopy(image, 0, od, 2, nsp);
        double[] y = new double[Shape.of(od).size()];
        int imgSize = Shape.of(image).size();
        int[] imgStr = Indexing.strides(image);
        double[] xv = x.doubleData();
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < ch; c++) {
                int[] k = new int[nsp];
                for (int kf = 0; kf < ks; kf++) {
                    int[] o = new int[nsp];
                    for (int p = 0; p < l; p++) {
                        int off = 0;
                        boolean ok = true;
                        for (int a = 0; a < nsp; a++) {
                            int pos = o[a] * st[a] - pads[a] + k[a] * dil[a];
                            if (pos < 0 || pos >= image[a]) { ok = false; break; }
                            off += pos * imgStr[a];
                        }
                        if (ok) y[(b * ch + c) * imgSize + off] += xv[(b * ch * ks + c * ks + kf) * l + p];
                        for (int a = nsp - 1; a >= 0; a--) { if (++o[a] < out[a]) break; o[a] = 0; }
                    }
                    for (int a = nsp - 1; a >= 0; a--) { if (++k[a] < block[a]) break; k[a] = 0; }
                }
            }
        }
        return Tensor.of(y, od).castTo(x0.dtype());
    }

}
