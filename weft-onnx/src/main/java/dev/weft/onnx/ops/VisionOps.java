package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;

/** RoiAlign, STFT and QLinearConv. */
final class VisionOps {
    private VisionOps() {}

    static void register(OpRegistry r) {
        r.add("RoiAlign", 10, c -> {
            boolean halfPixel = c.opset() >= 16 && c.attrString("coordinate_transformation_mode", "half_pixel").equals("half_pixel");
            boolean max = c.attrString("mode", "avg").equals("max");
            int oh = c.attrIntExact("output_height", 1), ow = c.attrIntExact("output_width", 1);
            int sampling = c.attrIntExact("sampling_ratio", 0);
            double scale = c.attrFloat("spatial_scale", 1f);
            return c.op(Kernel.single(in -> roiAlign(in.get(0), in.get(1), in.get(2), halfPixel, max, oh, ow, sampling, scale)));
        });
        r.add("DeformConv", 19, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1), offsetGroups = c.attrIntExact("offset_group", 1);
            return c.op(Kernel.single(in -> deformConv(in.get(0), in.get(1), in.get(2), in.size() > 3 ? in.get(3) : null,
                    in.size() > 4 ? in.get(4) : null, a, group, offsetGroups)));
        });
        r.add("STFT", 17, c -> {
            boolean onesided = c.attrInt("onesided", 1) != 0;
            return c.op(Kernel.single(in -> stft(in.get(0), in.get(1).getLong(0), in.size() > 2 ? in.get(2) : null,
                    in.size() > 3 ? in.get(3) : null, onesided)));
        });
        r.add("QLinearConv", 10, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1);
            return c.op(Kernel.single(in -> {
                Tensor x = QuantDequant.dequant(in.get(0), in.get(1), in.get(2), 1);
                Tensor w = QuantDequant.dequant(in.get(3), in.get(4), in.get(5), 0);
                Tensor b = in.size() > 8 && in.get(8) != null
                        ? in.get(8).castTo(DType.FLOAT64) : null;
                if (b != null) {
                    Tensor xs = in.get(1), ws = in.get(4);
                    Tensor bb = b;
                    b = Tensor.zeros(DType.FLOAT64, bb.shape());
                    for (int i = 0; i < bb.size(); i++) {
                        b.setDouble(i, bb.getDouble(i) * xs.getDouble(0) * ws.getDouble(ws.size() == 1 ? 0 : i));
                    }
                }
                Tensor y = NnOps.convReference(x.castTo(DType.FLOAT32), w.castTo(DType.FLOAT32),
                        b == null ? null : b.castTo(DType.FLOAT32), a, group);
                Tensor ys = in.get(6), yz = in.get(7);
                DType out = yz.dtype();
                Tensor q = Tensor.zeros(out, y.shape());
                for (int i = 0; i < y.size(); i++) {
                    double v = Math.rint(y.getDouble(i) / ys.getDouble(0)) + yz.getDouble(0);
                    q.setLong(i, (long) Math.max(QuantOps.min(out), Math.min(QuantOps.max(out), v)));
                }
                return q;
            }), DTypeRule.ofInput(7));
        });
    }

    /** Dequantization helper with an optional per-channel axis. */
    static final class QuantDequant {
        private QuantDequant() {}

        static Tensor dequant(Tensor x, Tensor scale, Tensor zp, int axis) {
            Tensor s = QuantOps.expand(scale, x, axis, 0), z = zp == null ? null : QuantOps.expand(zp, x, axis, 0);
            Tensor y = Tensor.zeros(DType.FLOAT64, x.shape());
            for (int i = 0; i < x.size(); i++) y.setDouble(i, (x.getDouble(i) - (z == null ? 0 : z.getDouble(i))) * s.getDouble(i));
            return y;
        }
    }

    static Tensor stft(Tensor signal, long step, Tensor window, Tensor lengthT, boolean onesided) {
        int batch = signal.shape().dim(0), len = signal.shape().dim(1), comps = signal.shape().dim(2);
        int frameLen = lengthT != null ? (int) lengthT.getLong(0) : window.size();
        int frames = (int) ((len - frameLen) / step + 1);
        int bins = onesided ? frameLen / 2 + 1 : frameLen;
        double[] out = new double[batch * frames * bins * 2];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < frames; f++) {
                for (int k = 0; k < bins; k++) {
                    double re = 0, im = 0;
                    for (int t = 0; t < frameLen; t++) {
                        int at = (int) ((b * len + f * step + t) * comps);
                        double w = window == null ? 1 : window.getDouble(t);
                        double xr = signal.getDouble(at) * w, xi = comps > 1 ? signal.getDouble(at + 1) * w : 0;
                        double ang = -2 * Math.PI * ((long) k * t % frameLen) / frameLen;
                        re += xr * Math.cos(ang) - xi * Math.sin(ang);
                        im += xr * Math.sin(ang) + xi * Math.cos(ang);
                    }
                    int at = ((b * frames + f) * bins + k) * 2;
                    out[at] = re;
                    out[at + 1] = im;
                }
            }
        }
        return Tensor.of(out, batch, frames, bins, 2).castTo(signal.dtype());
    }

    static Tensor roiAlign(Tensor x0, Tensor rois, Tensor batchIdx, boolean halfPixel, boolean max, int oh, int ow,
                           int sampling, double scale) {
        Tensor x = x0.castTo(DType.FLOAT64).contiguous();
        int ch = x.shape().dim(1), h = x.shape().dim(2), w = x.shape().dim(3), nr = rois.shape().dim(0);
        double[] xv = x.doubleData();
        double[] y = new double[nr * ch * oh * ow];
        double off = halfPixel ? 0.5 : 0;
        for (int r = 0; r < nr; r++) {
            int b = (int) batchIdx.getLong(r);
            double sw = rois.getDouble(r * 4) * scale - off, sh = rois.getDouble(r * 4 + 1) * scale - off;
            double ew = rois.getDouble(r * 4 + 2) * scale - off, eh = rois.getDouble(r * 4 + 3) * scale - off;
            double rw = ew - sw, rh = eh - sh;
            if (!halfPixel) {
                rw = Math.max(rw, 1);
                rh = Math.max(rh, 1);
            }
            double bh = rh / oh, bw = rw / ow;
            int gh = sampling > 0 ? sampling : (int) Math.ceil(rh / oh), gw = sampling > 0 ? sampling : (int) Math.ceil(rw / ow);
            int count = Math.max(gh * gw, 1);
            for (int c = 0; c < ch; c++) {
                int base = (b * ch + c) * h * w;
                for (int ph = 0; ph < oh; ph++) {
                    for (int pw = 0; pw < ow; pw++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        boolean any = false;
                        for (int iy = 0; iy < gh; iy++) {
                            double yy = sh + ph * bh + (iy + 0.5) * bh / gh;
                            for (int ix = 0; ix < gw; ix++) {
                                double xx = sw + pw * bw + (ix + 0.5) * bw / gw;
                                double[] vals = bilinear(xv, base, h, w, yy, xx);
                                if (max) {
                                    for (double v : vals) acc = Math.max(acc, v);
                                    any = true;
                                } else {
                                    acc += vals[0] + vals[1] + vals[2] + vals[3];
                                }
                            }
                        }
                        y[((r * ch + c) * oh + ph) * ow + pw] = max ? (any ? acc : 0) : acc / count;
                    }
                }
            }
        }
        return Tensor.of(y, nr, ch, oh, ow).castTo(x0.dtype());
    }

    /** Deformable 2-D convolution: each kernel tap samples the input bilinearly at its learned offset. */
    static Tensor deformConv(Tensor x0, Tensor w, Tensor offset, Tensor bias, Tensor mask, Spatial.Attrs attrs,
                             int group, int offsetGroups) {
        Tensor x = x0.castTo(DType.FLOAT64).contiguous();
        int n = x.shape().dim(0), ch = x.shape().dim(1), h = x.shape().dim(2), wd = x.shape().dim(3);
        int oc = w.shape().dim(0), cg = w.shape().dim(1), kh = w.shape().dim(2), kw = w.shape().dim(3);
        if (x.rank() != 4) throw new dev.weft.onnx.UnsupportedOnnxException("unsupported: DeformConv over " + (x.rank() - 2) + " spatial dims");
        Spatial s = attrs.resolve(new int[] {h, wd}, new int[] {kh, kw});
        int oh = s.out()[0], ow = s.out()[1], k = kh * kw, ocg = oc / group, chPerOffset = ch / offsetGroups;
        double[] xv = x.doubleData();
        double[] y = new double[n * oc * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < oc; o++) {
                int g = o / ocg;
                for (int py = 0; py < oh; py++) {
                    for (int px = 0; px < ow; px++) {
                        double acc = bias == null ? 0 : bias.getDouble(o);
                        for (int ci = 0; ci < cg; ci++) {
                            int c = g * cg + ci, og = c / chPerOffset;
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int kk = ky * kw + kx;
                                    double dy = offset.getDouble(((b * offsetGroups * 2 * k + og * 2 * k + 2 * kk) * oh + py) * ow + px);
                                    double dx = offset.getDouble(((b * offsetGroups * 2 * k + og * 2 * k + 2 * kk + 1) * oh + py) * ow + px);
                                    double m = mask == null ? 1 : mask.getDouble(((b * offsetGroups * k + og * k + kk) * oh + py) * ow + px);
                                    double yy = py * s.strides()[0] - s.padBegin()[0] + ky * s.dilations()[0] + dy;
                                    double xx = px * s.strides()[1] - s.padBegin()[1] + kx * s.dilations()[1] + dx;
                                    double v = sample(xv, (b * ch + c) * h * wd, h, wd, yy, xx);
                                    acc += w.getDouble(((o * cg + ci) * kh + ky) * kw + kx) * v * m;
                                }
                            }
                        }
                        y[((b * oc + o) * oh + py) * ow + px] = acc;
                    }
                }
            }
        }
        return Tensor.of(y, n, oc, oh, ow).castTo(x0.dtype());
    }

    /** Bilinear sample with zeros outside the image. */
    private static double sample(double[] v, int base, int h, int w, double y, double x) {
        if (y <= -1 || y >= h || x <= -1 || x >= w) return 0;
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        double ly = y - y0, lx = x - x0, acc = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int yy = y0 + dy, xx = x0 + dx;
                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                acc += (dy == 0 ? 1 - ly : ly) * (dx == 0 ? 1 - lx : lx) * v[base + yy * w + xx];
            }
        }
        return acc;
    }

    /** The four weighted corner values of a bilinear sample (all zero outside the image). */
    private static double[] bilinear(double[] v, int base, int h, int w, double y, double x) {
        if (y < -1 || y > h || x < -1 || x > w) return new double[4];
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int yl = (int) y, xl = (int) x, yh, xh;
        if (yl >= h - 1) { yh = yl = h - 1; y = yl; } else yh = yl + 1;
        if (xl >= w - 1) { xh = xl = w - 1; x = xl; } else xh = xl + 1;
        double ly = y - yl, lx = x - xl, hy = 1 - ly, hx = 1 - lx;
        return new double[] {hy * hx * v[base + yl * w + xl], hy * lx * v[base + yl * w + xh],
            ly * hx * v[base + yh * w + xl], ly * lx * v[base + yh * w + xh]};
    }

}
