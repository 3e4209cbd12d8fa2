package dev.weft.onnx.ops;

import java.util.Arrays;

/**
 * The window geometry shared by convolution and pooling: kernel, strides, dilations and the
 * begin/end padding after {@code auto_pad} is resolved, plus the output extent per spatial axis.
 */
record Spatial(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] out) {

    /** Reads the attributes common to Conv and the pools. */
    static Attrs attrs(OpContext c) {
        return new Attrs(c.attrIntArray("kernel_shape", null), c.attrIntArray("strides", null),
                c.attrIntArray("dilations", null), c.attrIntArray("pads", null), c.attrString("auto_pad", "NOTSET"),
                c.attrInt("ceil_mode", 0) != 0);
    }

    /** The raw attributes; {@link #resolve} applies them to an input's spatial dims. */
    record Attrs(int[] kernel, int[] strides, int[] dilations, int[] pads, String autoPad, boolean ceil) {
        Spatial resolve(int[] in, int[] kernelFromWeights) {
            int n = in.length;
            int[] k = kernel != null ? kernel : kernelFromWeights;
            if (k == null || k.length != n) {
                throw new IllegalArgumentException("kernel shape " + Arrays.toString(k) + " does not match "
                        + n + " spatial dims " + Arrays.toString(in));
            }
            int[] s = strides != null ? strides : ones(n);
            int[] d = dilations != null ? dilations : ones(n);
            int[] pb = new int[n], pe = new int[n], out = new int[n];
            for (int i = 0; i < n; i++) {
                int ek = (k[i] - 1) * d[i] + 1;
                switch (autoPad) {
                    case "SAME_UPPER", "SAME_LOWER" -> {
                        out[i] = (in[i] + s[i] - 1) / s[i];
                        int total = Math.max(0, (out[i] - 1) * s[i] + ek - in[i]);
                        pb[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                        pe[i] = total - pb[i];
                    }
                    case "VALID" -> out[i] = (in[i] - ek) / s[i] + 1;
                    default -> {
                        if (pads != null) {
                            pb[i] = pads[i];
                            pe[i] = pads[i + n];
                        }
                        int span = in[i] + pb[i] + pe[i] - ek;
                        if (ceil) {
                            out[i] = (span + s[i] - 1) / s[i] + 1;
                            if ((out[i] - 1) * s[i] >= in[i] + pb[i]) out[i]--;
                        } else {
                            out[i] = Math.floorDiv(span, s[i]) + 1;
                        }
                    }
                }
                if (out[i] < 0) out[i] = 0;
            }
            return new Spatial(k, s, d, pb, pe, out);
        }
    }

    static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    int kernelSize() {
        int p = 1;
        for (int k : kernel) p *= k;
        return p;
    }

    int outSize() {
        int p = 1;
        for (int o : out) p *= o;
        return p;
    }

    /**
     * For each kernel position (row) and output position (column), the flat input offset within one
     * channel's spatial block, or -1 where the window falls in the padding.
     */
    int[][] windowTable(int[] in) {
        int n = in.length, ks = kernelSize(), os = outSize();
        int[] inStrides = Indexing.strides(in);
        int[][] table = new int[ks][os];
        int[] kIdx = new int[n];
        for (int kf = 0; kf < ks; kf++) {
            int[] oIdx = new int[n];
            int[] row = table[kf];
            for (int of = 0; of < os; of++) {
                int off = 0;
                for (int a = 0; a < n; a++) {
                    int pos = oIdx[a] * strides[a] - padBegin[a] + kIdx[a] * dilations[a];
                    if (pos < 0 || pos >= in[a]) { off = -1; break; }
                    off += pos * inStrides[a];
                }
                row[of] = off;
                for (int a = n - 1; a >= 0; a--) {
                    if (++oIdx[a] < out[a]) break;
                    oIdx[a] = 0;
                }
            }
            for (int a = n - 1; a >= 0; a--) {
                if (++kIdx[a] < kernel[a]) break;
                kIdx[a] = 0;
            }
        }
        return table;
    }
}
