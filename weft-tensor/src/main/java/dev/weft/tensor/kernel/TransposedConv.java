package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;
import java.util.Arrays;

/**
 * Float32 transposed convolution (ONNX ConvTranspose, the gradient of a convolution with respect to
 * its input), NCHW with 1 to 3 spatial dimensions:
 * {@code y[n, g*cog + co, i*s - p + t*d] += x[n, g*cig + ci, i] * w[g*cig + ci, co, t]}, plus bias.
 *
 * <p>Per image and group it is one GEMM and one scatter: {@code cols = W_gᵀ · X_g}, a
 * {@code (cog·taps) × inSize} matrix whose row (co, t) holds every input position's contribution
 * through tap t, then each row is added into output channel co shifted by the tap (col2im). The GEMM
 * is the packed, parallel one; the scatter runs over output channels in parallel, so no two threads
 * add into the same element. Output channels are processed in chunks that bound the scratch
 * matrix. Stateless and thread-safe; arrays are contiguous and sized by the caller.
 */
public final class TransposedConv {
    private TransposedConv() {}

    /** Scratch floats for the column matrix of one chunk of output channels (16 MiB). */
    private static final int COLS_BUDGET = 1 << 22;

    /**
     * The shape of a transposed convolution. Spatial arrays have one entry per spatial dimension
     * (1 to 3), all of the same length; {@code padsBegin} may be negative (ONNX output_shape larger
     * than the natural size), and output positions outside [0, out) are dropped.
     */
    public record Geometry(int batch, int inChannels, int outChannels, int group, int[] in, int[] kernel,
                           int[] strides, int[] padsBegin, int[] dilations, int[] out) {
        /** @throws IllegalArgumentException naming the first field that is inconsistent */
        public Geometry {
            int r = in.length;
            if (r < 1 || r > 3) throw new IllegalArgumentException("ConvTranspose needs 1 to 3 spatial dims, got " + r);
            for (int[] a : new int[][] {kernel, strides, padsBegin, dilations, out}) {
                if (a.length != r) throw new IllegalArgumentException("ConvTranspose: every spatial array needs " + r + " entries");
            }
            if (batch < 0 || inChannels < 0 || outChannels < 0 || group < 1 || inChannels % group != 0 || outChannels % group != 0) {
                throw new IllegalArgumentException("ConvTranspose: batch " + batch + ", channels " + inChannels + " -> " + outChannels
                        + " do not split into " + group + " groups");
            }
            for (int i = 0; i < r; i++) {
                if (in[i] < 0 || out[i] < 0 || kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1) {
                    throw new IllegalArgumentException("ConvTranspose: spatial dim " + i + " has input " + in[i] + ", output " + out[i]
                            + ", kernel " + kernel[i] + ", stride " + strides[i] + ", dilation " + dilations[i]);
                }
            }
            in = in.clone();
            kernel = kernel.clone();
            strides = strides.clone();
            padsBegin = padsBegin.clone();
            dilations = dilations.clone();
            out = out.clone();
        }

        int inSize() { return product(in); }

        int outSize() { return product(out); }

        int taps() { return product(kernel); }

        private static int product(int[] a) {
            long p = 1;
            for (int v : a) p *= v;
            return Math.toIntExact(p);
        }
    }

    /**
     * {@code y = convTranspose(x, w) + bias}; {@code w} is [inChannels, outChannels/group, kernel...],
     * {@code bias} [outChannels] or null. {@code y} is fully overwritten.
     */
    public static void run(Geometry g, float[] x, float[] w, float[] bias, float[] y) {
        run(g, x, w, bias, y, COLS_BUDGET);
    }

    /** {@link #run} with the column matrix bounded by {@code colsBudget} floats (tests force chunking with it). */
    static void run(Geometry g, float[] x, float[] w, float[] bias, float[] y, int colsBudget) {
        int cig = g.inChannels() / g.group(), cog = g.outChannels() / g.group(), taps = g.taps();
        int inSize = g.inSize(), outSize = g.outSize();
        long yLen = (long) g.batch() * g.outChannels() * outSize;
        if (x.length < (long) g.batch() * g.inChannels() * inSize || w.length != (long) g.inChannels() * cog * taps || y.length < yLen
                || bias != null && bias.length != g.outChannels()) {
            throw new IllegalArgumentException("ConvTranspose: arrays of " + x.length + " inputs, " + w.length + " weights, "
                    + y.length + " outputs do not fit " + g);
        }
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.outChannels(); c++) {
                int at = (n * g.outChannels() + c) * outSize;
                Arrays.fill(y, at, at + outSize, bias == null ? 0f : bias[c]);
            }
        }
        if (inSize == 0 || cig == 0 || outSize == 0) return;
        int chunk = (int) Math.max(1, Math.min(cog, colsBudget / Math.max(1L, (long) taps * inSize)));
        float[] cols = FloatScratch.take(Math.multiplyExact(chunk * taps, inSize));
        int[] sp = spatial(g);
        try {
            MicroKernel kern = MicroKernel.current();
            for (int n = 0; n < g.batch(); n++) {
                for (int grp = 0; grp < g.group(); grp++) {
                    int xBase = (n * g.inChannels() + grp * cig) * inSize;
                    for (int co0 = 0; co0 < cog; co0 += chunk) {
                        int cs = Math.min(chunk, cog - co0);
                        // cols[(co, t)][i] = Σ_ci w[grp*cig + ci][co0 + co][t] · x[ci][i]: W_gᵀ is read transposed in place.
                        GemmDriver.run(kern, true, cs * taps, inSize, cig, 1f, w, (grp * cig * cog + co0) * taps, cog * taps,
                                BSource.matrix(false, x, xBase, inSize), null, 0f, cols, 0, inSize);
                        int yBase = (n * g.outChannels() + grp * cog + co0) * outSize;
                        IntraOp.parallelFor(cs, (long) cs * taps * inSize, co -> scatter(sp, cols, co * taps * inSize, y, yBase + co * outSize));
                    }
                }
            }
        } finally {
            FloatScratch.give(cols);
        }
    }

    /** The geometry's spatial fields padded to 3 dims (leading 1s): in, out, kernel, strides, pads, dilations. */
    private static int[] spatial(Geometry g) {
        int r = g.in().length, lead = 3 - r;
        int[] s = new int[18];
        for (int q = 0; q < 3; q++) {
            boolean real = q >= lead;
            int i = q - lead;
            s[q] = real ? g.in()[i] : 1;
            s[3 + q] = real ? g.out()[i] : 1;
            s[6 + q] = real ? g.kernel()[i] : 1;
            s[9 + q] = real ? g.strides()[i] : 1;
            s[12 + q] = real ? g.padsBegin()[i] : 0;
            s[15 + q] = real ? g.dilations()[i] : 1;
        }
        return s;
    }

    /** col2im for one output channel: adds its rows of {@code cols} (one per tap) into the plane at {@code y[yBase..]}. */
    private static void scatter(int[] sp, float[] cols, int cBase, float[] y, int yBase) {
        int inD = sp[0], inH = sp[1], inW = sp[2], outD = sp[3], outH = sp[4], outW = sp[5];
        int kD = sp[6], kH = sp[7], kW = sp[8], sD = sp[9], sH = sp[10], sW = sp[11];
        int pD = sp[12], pH = sp[13], pW = sp[14], dD = sp[15], dH = sp[16], dW = sp[17];
        int inSize = inD * inH * inW;
        for (int kd = 0, t = 0; kd < kD; kd++) {
            for (int kh = 0; kh < kH; kh++) {
                for (int kw = 0; kw < kW; kw++, t++) {
                    int row = cBase + t * inSize;
                    int shiftW = kw * dW - pW;
                    // Input columns whose output column iw*sW + shiftW lies in [0, outW).
                    int lo = Math.max(0, ceilDiv(-shiftW, sW)), hi = Math.min(inW, ceilDiv(outW - shiftW, sW));
                    if (lo >= hi) continue;
                    for (int id = 0; id < inD; id++) {
                        int od = id * sD - pD + kd * dD;
                        if (od < 0 || od >= outD) continue;
                        for (int ih = 0; ih < inH; ih++) {
                            int oh = ih * sH - pH + kh * dH;
                            if (oh < 0 || oh >= outH) continue;
                            int src = row + (id * inH + ih) * inW;
                            int dst = yBase + (od * outH + oh) * outW + shiftW;
                            if (sW == 1) {
                                for (int iw = lo; iw < hi; iw++) y[dst + iw] += cols[src + iw];
                            } else {
                                for (int iw = lo; iw < hi; iw++) y[dst + iw * sW] += cols[src + iw];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
