package dev.weft.tensor.nn;

import dev.weft.tensor.kernel.ConvGeometry;

/**
 * The float64 paths: plain loops over every output and tap, exact in double precision. float64
 * models are rare, so these favour obviousness over speed.
 */
final class DoubleKernels {
    private DoubleKernels() {}

    static void conv(ConvGeometry g, double[] x, double[] w, double[] bias, double[] y) {
        int cg = g.channels() / g.group(), mg = g.outChannels() / g.group();
        int plane = g.outPlane(), taps = g.kernelSize();
        for (int n = 0; n < g.batch(); n++) {
            for (int m = 0; m < g.outChannels(); m++) {
                int grp = m / mg;
                for (int o = 0; o < plane; o++) {
                    int od = o / (g.outH() * g.outW()), oh = o / g.outW() % g.outH(), ow = o % g.outW();
                    double s = bias == null ? 0 : bias[m];
                    for (int ci = 0; ci < cg; ci++) {
                        int xc = (n * g.channels() + grp * cg + ci) * g.inPlane();
                        int wc = (m * cg + ci) * taps;
                        for (int t = 0; t < taps; t++) {
                            int kd = t / (g.kH() * g.kW()), kh = t / g.kW() % g.kH(), kw = t % g.kW();
                            int pos = inputPos(g, od, oh, ow, kd, kh, kw);
                            if (pos >= 0) s += w[wc + t] * x[xc + pos];
                        }
                    }
                    y[(n * g.outChannels() + m) * plane + o] = s;
                }
            }
        }
    }

    static void maxPool(ConvGeometry g, double[] x, double[] y, long[] idx, int order) {
        forEachWindow(g, (u, o, od, oh, ow) -> {
            double best = Double.NEGATIVE_INFINITY;
            long at = -1;
            for (int t = 0; t < g.kernelSize(); t++) {
                int kd = t / (g.kH() * g.kW()), kh = t / g.kW() % g.kH(), kw = t % g.kW();
                int pos = inputPos(g, od, oh, ow, kd, kh, kw);
                if (pos < 0) continue;
                double v = x[u * g.inPlane() + pos];
                if (v > best || at < 0 && !Double.isNaN(v)) {
                    best = v;
                    int id = pos / (g.inH() * g.inW()), ih = pos / g.inW() % g.inH(), iw = pos % g.inW();
                    long local = order == 0 ? pos : id + (long) ih * g.inD() + (long) iw * g.inD() * g.inH();
                    at = (long) u * g.inPlane() + local;
                }
            }
            y[u * g.outPlane() + o] = best;
            if (idx != null) idx[u * g.outPlane() + o] = at;
        });
    }

    static void averagePool(ConvGeometry g, double[] x, double[] y, boolean include, int[] padEnd) {
        int[] in = {g.inD(), g.inH(), g.inW()}, pb = {g.pD(), g.pH(), g.pW()};
        forEachWindow(g, (u, o, od, oh, ow) -> {
            double s = 0;
            int count = 0;
            for (int t = 0; t < g.kernelSize(); t++) {
                int kd = t / (g.kH() * g.kW()), kh = t / g.kW() % g.kH(), kw = t % g.kW();
                int[] at = {od * g.sD() - g.pD() + kd * g.dD(), oh * g.sH() - g.pH() + kh * g.dH(), ow * g.sW() - g.pW() + kw * g.dW()};
                boolean inside = true, inPadded = true;
                for (int a = 0; a < 3; a++) {
                    inside &= at[a] >= 0 && at[a] < in[a];
                    inPadded &= at[a] >= -pb[a] && at[a] < in[a] + padEnd[a];
                }
                if (inside) s += x[u * g.inPlane() + (at[0] * g.inH() + at[1]) * g.inW() + at[2]];
                if (include ? inPadded : inside) count++;
            }
            y[u * g.outPlane() + o] = count == 0 ? Double.NaN : s / count;
        });
    }

    /** Row-major position in an input plane of the tap, or -1 in the padding. */
    private static int inputPos(ConvGeometry g, int od, int oh, int ow, int kd, int kh, int kw) {
        int id = od * g.sD() - g.pD() + kd * g.dD();
        int ih = oh * g.sH() - g.pH() + kh * g.dH();
        int iw = ow * g.sW() - g.pW() + kw * g.dW();
        if (id < 0 || id >= g.inD() || ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) return -1;
        return (id * g.inH() + ih) * g.inW() + iw;
    }

    private interface WindowBody {
        void at(int plane, int outIndex, int od, int oh, int ow);
    }

    private static void forEachWindow(ConvGeometry g, WindowBody body) {
        int planes = g.batch() * g.channels();
        for (int u = 0; u < planes; u++) {
            for (int o = 0; o < g.outPlane(); o++) {
                body.at(u, o, o / (g.outH() * g.outW()), o / g.outW() % g.outH(), o % g.outW());
            }
        }
    }
}
