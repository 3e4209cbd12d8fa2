package dev.weft.tensor.kernel;

/**
 * Unfolds input windows into the columns of a matrix for convolution by GEMM: row
 * {@code ((c*kD + kd)*kH + kh)*kW + kw} holds, for every output position, the input value that tap
 * meets there (0 in the padding).
 */
final class Im2col {
    private Im2col() {}

    /** Fills the rows of channels {@code [c0, c1)} (of the group starting at {@code xBase}) into {@code col}. */
    static void im2col(ConvGeometry g, float[] x, int xBase, int c0, int c1, float[] col) {
        int kD = g.kD(), kH = g.kH(), kW = g.kW();
        int outD = g.outD(), outH = g.outH(), outW = g.outW(), plane = g.outPlane();
        int inD = g.inD(), inH = g.inH(), inW = g.inW(), sW = g.sW();
        for (int c = c0; c < c1; c++) {
            int xc = xBase + c * g.inPlane();
            for (int kd = 0; kd < kD; kd++) {
                for (int kh = 0; kh < kH; kh++) {
                    for (int kw = 0; kw < kW; kw++) {
                        int row = ((c * kD + kd) * kH + kh) * kW + kw;
                        int dst = row * plane;
                        int shift = kw * g.dW() - g.pW();
                        int lo = firstValid(shift, sW, outW), hi = endValid(shift, sW, inW, outW);
                        for (int od = 0; od < outD; od++) {
                            int id = od * g.sD() - g.pD() + kd * g.dD();
                            for (int oh = 0; oh < outH; oh++, dst += outW) {
                                int ih = oh * g.sH() - g.pH() + kh * g.dH();
                                if (id < 0 || id >= inD || ih < 0 || ih >= inH || lo >= hi) {
                                    java.util.Arrays.fill(col, dst, dst + outW, 0f);
                                    continue;
                                }
                                if (lo > 0) java.util.Arrays.fill(col, dst, dst + lo, 0f);
                                int src = xc + (id * inH + ih) * inW + shift;
                                if (sW == 1) {
                                    System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                                } else {
                                    for (int ow = lo; ow < hi; ow++) col[dst + ow] = x[src + ow * sW];
                                }
                                if (hi < outW) java.util.Arrays.fill(col, dst + hi, dst + outW, 0f);
                            }
                        }
                    }
                }
            }
        }
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
