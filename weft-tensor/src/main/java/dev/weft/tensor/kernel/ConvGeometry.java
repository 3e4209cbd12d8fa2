package dev.weft.tensor.kernel;

/**
 * The shape of one N-d convolution or pooling, normalised to three spatial dimensions (D, H, W):
 * 1-d and 2-d problems get leading spatial dimensions of size 1, kernel 1, stride 1, no padding.
 * Immutable; built by {@code dev.weft.tensor.nn} after validation, so every field is sane:
 * sizes ≥ 0, kernel, stride and dilation ≥ 1, pads ≥ 0, and output sizes consistent.
 */
public record ConvGeometry(int batch, int channels, int outChannels, int group,
                           int inD, int inH, int inW,
                           int kD, int kH, int kW,
                           int sD, int sH, int sW,
                           int pD, int pH, int pW,
                           int dD, int dH, int dW,
                           int outD, int outH, int outW) {

    /**
     * Builds the 3-d form of an N-d problem (1 ≤ N ≤ 3). Arrays are per spatial axis; {@code padsBegin}
     * are the leading pads (the trailing ones only matter for the output size, given here).
     */
    public static ConvGeometry of(int batch, int channels, int outChannels, int group, int[] in, int[] kernel,
                                  int[] strides, int[] padsBegin, int[] dilations, int[] out) {
        int r = in.length;
        if (r < 1 || r > 3) throw new IllegalArgumentException("only 1 to 3 spatial dimensions are supported, got " + r);
        int[] i3 = pad3(in, 1), k3 = pad3(kernel, 1), s3 = pad3(strides, 1), p3 = pad3(padsBegin, 0);
        int[] d3 = pad3(dilations, 1), o3 = pad3(out, 1);
        return new ConvGeometry(batch, channels, outChannels, group, i3[0], i3[1], i3[2], k3[0], k3[1], k3[2],
                s3[0], s3[1], s3[2], p3[0], p3[1], p3[2], d3[0], d3[1], d3[2], o3[0], o3[1], o3[2]);
    }

    private static int[] pad3(int[] v, int fill) {
        int[] out = {fill, fill, fill};
        System.arraycopy(v, 0, out, 3 - v.length, v.length);
        return out;
    }

    /** Elements of one input channel plane. */
    public int inPlane() { return inD * inH * inW; }

    /** Elements of one output channel plane. */
    public int outPlane() { return outD * outH * outW; }

    /** Kernel taps per channel. */
    public int kernelSize() { return kD * kH * kW; }

    /** True when every window is a single pixel with no offset: the convolution is a plain GEMM. */
    public boolean isPointwise() {
        return kD == 1 && kH == 1 && kW == 1 && sD == 1 && sH == 1 && sW == 1 && pD == 0 && pH == 0 && pW == 0
                && outD == inD && outH == inH && outW == inW;
    }
}
