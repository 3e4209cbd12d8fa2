package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.TransposedConv;
import java.util.Arrays;

/**
 * ConvTranspose: float32 with 1 to 3 spatial dims runs the GEMM + col2im kernel
 * ({@link TransposedConv}); other dtypes and ranks a direct float64 scatter-accumulation.
 */
final class ConvTranspose {
    private ConvTranspose() {}

    static Tensor apply(Tensor x0, Tensor w0, Tensor b0, Spatial.Attrs a, int group, int[] outPad, int[] outShape) {
        DType dt = x0.dtype();
        Tensor x = x0.castTo(DType.FLOAT64), w = w0.castTo(DType.FLOAT64);
        int[] xd = x.shape().dims(), wd = w.shape().dims();
        int nsp = xd.length - 2;
        int batch = xd[0], cin = xd[1], cog = wd[1], cout = cog * group, cig = cin / group;
        int[] in = Arrays.copyOfRange(xd, 2, xd.length);
        int[] k = a.kernel() != null ? a.kernel() : Arrays.copyOfRange(wd, 2, wd.length);
        int[] s = a.strides() != null ? a.strides() : Spatial.ones(nsp);
        int[] d = a.dilations() != null ? a.dilations() : Spatial.ones(nsp);
        int[] op = outPad != null ? outPad : new int[nsp];
        int[] pb = new int[nsp], out = new int[nsp];
        for (int i = 0; i < nsp; i++) {
            int full = s[i] * (in[i] - 1) + op[i] + (k[i] - 1) * d[i] + 1;
            if (outShape != null) {
                int target = outShape[outShape.length - nsp + i];
                int total = full - target;
                pb[i] = a.autoPad().equals("SAME_UPPER") ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2);
                out[i] = target;
            } else if (a.autoPad().startsWith("SAME")) {
                int target = in[i] * s[i];
                int total = Math.max(0, full - target);
                pb[i] = a.autoPad().equals("SAME_UPPER") ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2);
                out[i] = target;
            } else {
                int b = a.pads() != null ? a.pads()[i] : 0, e = a.pads() != null ? a.pads()[i + nsp] : 0;
                pb[i] = b;
                out[i] = full - b - e;
            }
        }
        int[] od = new int[xd.length];
        od[0] = batch;
        od[1] = cout;
        System.arraycopy(out, 0, od, 2, nsp);
        if (dt == DType.FLOAT32 && w0.dtype() == DType.FLOAT32 && nsp <= 3 && (b0 == null || b0.dtype() == DType.FLOAT32)) {
            Tensor y32 = Tensor.zeros(DType.FLOAT32, Shape.of(od));
            TransposedConv.run(new TransposedConv.Geometry(batch, cin, cout, group, in, k, s, pb, d, out),
                    x0.contiguous().floatData(), w0.contiguous().floatData(), b0 == null ? null : b0.contiguous().floatData(), y32.floatData());
            return y32;
        }
        x = x.contiguous();
        w = w.contiguous();
        double[] y = new double[Shape.of(od).size()];
        int inSize = Shape.of(in).size(), outSize = Shape.of(out).size(), ks = Shape.of(k).size();
        int[] outStrides = Indexing.strides(out);
        double[] xv = x.doubleData(), wv = w.doubleData();
        int[] ii = new int[nsp], kk = new int[nsp];
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < group; g++) {
                for (int ci = 0; ci < cig; ci++) {
                    int c = g * cig + ci;
                    Arrays.fill(ii, 0);
                    for (int ip = 0; ip < inSize; ip++) {
                        double xvv = xv[(n * cin + c) * inSize + ip];
                        Arrays.fill(kk, 0);
                        for (int kp = 0; kp < ks; kp++) {
                            int off = 0;
                            boolean ok = true;
                            for (int q = 0; q < nsp; q++) {
                                int pos = ii[q] * s[q] - pb[q] + kk[q] * d[q];
                                if (pos < 0 || pos >= out[q]) { ok = false; break; }
                                off += pos * outStrides[q];
                            }
                            if (ok) {
                                for (int co = 0; co < cog; co++) {
                                    y[(n * cout + g * cog + co) * outSize + off] += xvv * wv[(c * cog + co) * ks + kp];
                                }
                            }
                            for (int q = nsp - 1; q >= 0; q--) { if (++kk[q] < k[q]) break; kk[q] = 0; }
                        }
                        for (int q = nsp - 1; q >= 0; q--) { if (++ii[q] < in[q]) break; ii[q] = 0; }
                    }
                }
            }
        }
        if (b0 != null) {
            for (int n = 0; n < batch; n++) {
                for (int co = 0; co < cout; co++) {
                    double bv = b0.getDouble(co);
                    for (int p = 0; p < outSize; p++) y[(n * cout + co) * outSize + p] += bv;
                }
            }
        }
        return Tensor.of(y, od).castTo(dt);
    }
}
