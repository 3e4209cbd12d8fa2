package dev.weft.tensor.kernel;

/**
 * The im2col matrix of one image and group of a convolution, never materialised: row
 * {@code ((c*kD + kd)*kH + kh)*kW + kw}, column {@code (od*outH + oh)*outW + ow} is the input value
 * that tap meets at that output position (0 in the padding). Packing reads the input directly.
 */
final class Im2colSource extends BSource {
    private final ConvGeometry g;
    private final float[] x;
    private final int xBase;

    Im2colSource(ConvGeometry g, float[] x, int xBase) {
        this.g = g;
        this.x = x;
        this.xBase = xBase;
    }

    @Override
    void pack(int p0, int kc, int j0, int nc, int nr, float[] dst) {
        int kW = g.kW(), kH = g.kH(), kD = g.kD();
        int outW = g.outW(), outH = g.outH(), sW = g.sW();
        int end = j0 + nc;
        for (int pp = 0; pp < kc; pp++) {
            int p = p0 + pp;
            int kw = p % kW, t = p / kW, kh = t % kH;
            t /= kH;
            int kd = t % kD, c = t / kD;
            int shift = kw * g.dW() - g.pW();
            int lo = firstValid(shift, sW, outW), hi = endValid(shift, sW, g.inW(), outW);
            int row = j0 / outW;
            int ow = j0 - row * outW, oh = row % outH, od = row / outH;
            int j = j0;
            while (j < end) {
                int len = Math.min(outW - ow, end - j);
                int id = od * g.sD() - g.pD() + kd * g.dD(), ih = oh * g.sH() - g.pH() + kh * g.dH();
                boolean valid = id >= 0 && id < g.inD() && ih >= 0 && ih < g.inH();
                int src = xBase + c * g.inPlane() + (id * g.inH() + ih) * g.inW() + shift;
                for (int q = 0; q < len; ) {
                    int jj = j + q - j0, lane = jj % nr;
                    int chunk = Math.min(len - q, nr - lane);
                    int d = (jj / nr) * kc * nr + pp * nr + lane;
                    if (valid) copy(src, ow + q, chunk, lo, hi, sW, dst, d);
                    else java.util.Arrays.fill(dst, d, d + chunk, 0f);
                    q += chunk;
                }
                j += len;
                ow = 0;
                if (++oh == outH) {
                    oh = 0;
                    od++;
                }
            }
        }
        int tail = nc % nr;
        if (tail != 0) {
            int base = (nc / nr) * kc * nr;
            for (int pp = 0; pp < kc; pp++) java.util.Arrays.fill(dst, base + pp * nr + tail, base + (pp + 1) * nr, 0f);
        }
    }

    /** dst[d..d+n) = x[src + o*sW] for o in [o0, o0+n), 0 where o is outside [lo, hi). */
    private void copy(int src, int o0, int n, int lo, int hi, int sW, float[] dst, int d) {
        int a = Math.max(o0, Math.min(lo, o0 + n)), b = Math.max(a, Math.min(hi, o0 + n));
        if (a > o0) java.util.Arrays.fill(dst, d, d + (a - o0), 0f);
        if (sW == 1) {
            if (b > a) System.arraycopy(x, src + a, dst, d + (a - o0), b - a);
        } else {
            for (int o = a, k = d + (a - o0); o < b; o++, k++) dst[k] = x[src + o * sW];
        }
        if (b < o0 + n) java.util.Arrays.fill(dst, d + (b - o0), d + n, 0f);
    }

    /** The first output index o ≥ 0 with {@code o*stride + shift ≥ 0}, at most {@code out}. */
    static int firstValid(int shift, int stride, int out) {
        if (shift >= 0) return 0;
        return Math.min(out, (-shift + stride - 1) / stride);
    }

    /** One past the last output index o &lt; out with {@code o*stride + shift < in}. */
    static int endValid(int shift, int stride, int in, int out) {
        int room = in - shift; // need o*stride < room
        if (room <= 0) return 0;
        return Math.min(out, (room - 1) / stride + 1);
    }
}
