package dev.weft.tensor.nn;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** Textbook N-d convolution and pooling on multi-indices, in double: the oracle for the kernels. */
final class NdReference {
    private NdReference() {}

    /** All multi-indices of a shape, in row-major order. */
    static int[][] indices(int[] dims) {
        int total = 1;
        for (int d : dims) total *= d;
        int[][] out = new int[total][];
        int[] idx = new int[dims.length];
        for (int i = 0; i < total; i++) {
            out[i] = idx.clone();
            for (int a = dims.length - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) break;
                idx[a] = 0;
            }
        }
        return out;
    }

    static int flat(int[] dims, int[] idx) {
        int f = 0;
        for (int a = 0; a < dims.length; a++) f = f * dims[a] + idx[a];
        return f;
    }

    static Tensor conv(Tensor x, Tensor w, Tensor b, int[] s, int[] pb, int[] d, int group, int[] outSpatial) {
        int r = x.rank() - 2, n = x.shape().dim(0), c = x.shape().dim(1), m = w.shape().dim(0);
        int cg = c / group, mg = m / group;
        int[] xd = x.shape().dims(), wd = w.shape().dims();
        int[] outDims = new int[r + 2];
        outDims[0] = n;
        outDims[1] = m;
        System.arraycopy(outSpatial, 0, outDims, 2, r);
        Tensor y = Tensor.zeros(DType.FLOAT64, Shape.of(outDims));
        int[] kd = java.util.Arrays.copyOfRange(wd, 2, r + 2);
        int[][] taps = indices(kd);
        int[] xi = new int[r + 2], wi = new int[r + 2];
        for (int[] o : indices(outDims)) {
            double sum = b == null ? 0 : b.getDouble(o[1]);
            int grp = o[1] / mg;
            for (int ci = 0; ci < cg; ci++) {
                for (int[] t : taps) {
                    boolean inside = true;
                    xi[0] = o[0];
                    xi[1] = grp * cg + ci;
                    wi[0] = o[1];
                    wi[1] = ci;
                    for (int a = 0; a < r; a++) {
                        int p = o[a + 2] * s[a] - pb[a] + t[a] * d[a];
                        inside &= p >= 0 && p < xd[a + 2];
                        xi[a + 2] = p;
                        wi[a + 2] = t[a];
                    }
                    if (inside) sum += x.getDouble(flat(xd, xi)) * w.getDouble(flat(wd, wi));
                }
            }
            y.setDouble(flat(outDims, o), sum);
        }
        return y;
    }

    /** Max (kind 0) or average excluding (1) / including (2) pads; indices row-major or column-major. */
    static Tensor[] pool(Tensor x, int kind, int[] k, int[] s, int[] pb, int[] pe, int[] d, int[] outSpatial, int order) {
        int r = x.rank() - 2;
        int[] xd = x.shape().dims();
        int[] outDims = xd.clone();
        System.arraycopy(outSpatial, 0, outDims, 2, r);
        Tensor y = Tensor.zeros(DType.FLOAT64, Shape.of(outDims));
        Tensor idx = Tensor.zeros(DType.INT64, Shape.of(outDims));
        int[][] taps = indices(k);
        int[] xi = new int[r + 2];
        for (int[] o : indices(outDims)) {
            double best = Double.NEGATIVE_INFINITY, sum = 0;
            long at = -1;
            int count = 0;
            for (int[] t : taps) {
                boolean inside = true, padded = true;
                xi[0] = o[0];
                xi[1] = o[1];
                for (int a = 0; a < r; a++) {
                    int p = o[a + 2] * s[a] - pb[a] + t[a] * d[a];
                    inside &= p >= 0 && p < xd[a + 2];
                    padded &= p >= -pb[a] && p < xd[a + 2] + pe[a];
                    xi[a + 2] = p;
                }
                if (kind == 2 ? padded : inside) count++;
                if (!inside) continue;
                double v = x.getDouble(flat(xd, xi));
                sum += v;
                if (v > best || at < 0) {
                    best = v;
                    long local = 0;
                    if (order == 0) {
                        for (int a = 0; a < r; a++) local = local * xd[a + 2] + xi[a + 2];
                    } else {
                        for (int a = r - 1; a >= 0; a--) local = local * xd[a + 2] + xi[a + 2];
                    }
                    long planeSize = 1;
                    for (int a = 0; a < r; a++) planeSize *= xd[a + 2];
                    at = ((long) o[0] * xd[1] + o[1]) * planeSize + local;
                }
            }
            int f = flat(outDims, o);
            y.setDouble(f, kind == 0 ? best : sum / count);
            idx.setLong(f, at);
        }
        return new Tensor[] {y, idx};
    }
}
