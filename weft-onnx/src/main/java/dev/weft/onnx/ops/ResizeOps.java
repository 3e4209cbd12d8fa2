package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Resize;
import java.util.Arrays;

/**
 * Resize (opsets 10, 11, 13, 18, 19) and Upsample: nearest, (bi/tri)linear and cubic
 * interpolation, applied one axis at a time (the filters are separable), with every coordinate
 * transformation mode, antialiasing and keep_aspect_ratio_policy. The plain cases call
 * {@link Resize} (an {@code axes} subset is widened to every axis here); antialiasing and a
 * keep_aspect_ratio_policy other than stretch, which it lacks, are computed here.
 */
final class ResizeOps {
    private ResizeOps() {}

    /** Interpolation settings read from the node. */
    record Mode(String mode, String coord, String nearest, double cubicA, boolean excludeOutside,
                double extrapolation, boolean antialias, long[] axes, String aspect) {}

    static void register(OpRegistry r) {
        r.add("Upsample", 7, c -> {
            Mode m = new Mode(c.attrString("mode", "nearest"), "asymmetric", "floor", -0.75, false, 0, false, null, "stretch");
            float[] scales = c.attrFloats("scales");
            return c.op(Kernel.single(in -> {
                double[] s = scales != null ? toDouble(scales) : in.get(1).toDoubleArray();
                return resize(in.get(0), s, null, null, m);
            }));
        });
        r.add("Resize", 10, c -> {
            Mode m = new Mode(c.attrString("mode", "nearest"), "asymmetric", "floor", -0.75, false, 0, false, null, "stretch");
            return c.op(Kernel.single(in -> resize(in.get(0), in.get(1).toDoubleArray(), null, null, m)));
        });
        r.add("Resize", 11, c -> {
            Mode m = new Mode(c.attrString("mode", "nearest"), c.attrString("coordinate_transformation_mode", "half_pixel"),
                    c.attrString("nearest_mode", "round_prefer_floor"), c.attrFloat("cubic_coeff_a", -0.75f),
                    c.attrInt("exclude_outside", 0) != 0, c.attrFloat("extrapolation_value", 0f),
                    c.attrInt("antialias", 0) != 0, c.attrInts("axes"), c.attrString("keep_aspect_ratio_policy", "stretch"));
            return c.op(Kernel.single(in -> {
                Tensor roi = in.size() > 1 ? in.get(1) : null;
                Tensor scales = in.size() > 2 ? in.get(2) : null;
                Tensor sizes = in.size() > 3 ? in.get(3) : null;
                return resize(in.get(0), scales != null && scales.size() > 0 ? scales.toDoubleArray() : null,
                        sizes != null && sizes.size() > 0 ? sizes.toLongArray() : null,
                        roi != null && roi.size() > 0 ? roi.toDoubleArray() : null, m);
            }));
        });
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static Tensor resize(Tensor x, double[] scalesIn, long[] sizesIn, double[] roiIn, Mode m) {
        if (!m.antialias() && m.aspect().equals("stretch") && (scalesIn != null || sizesIn != null)) {
            Resize.Options o = Resize.Options.defaults(Resize.Mode.valueOf(m.mode().toUpperCase(java.util.Locale.ROOT)))
                    .withCoordinateMode(m.coord()).withNearestMode(m.nearest()).withCubic(m.cubicA(), m.excludeOutside());
            int rank = x.rank();
            double[] scales = scalesIn;
            long[] sizes = sizesIn;
            double[] roi = roiIn;
            if (m.axes() != null) {
                // Widen the per-listed-axis inputs to every axis: unlisted axes keep their size.
                scales = scalesIn == null ? null : new double[rank];
                sizes = sizesIn == null ? null : x.shape().toLongArray();
                roi = roiIn == null ? null : new double[2 * rank];
                if (scales != null) Arrays.fill(scales, 1);
                if (roi != null) Arrays.fill(roi, rank, 2 * rank, 1);
                long[] ax = m.axes();
                for (int i = 0; i < ax.length; i++) {
                    int a = Indexing.axis(ax[i], rank);
                    if (scales != null) scales[a] = scalesIn[i];
                    if (sizes != null) sizes[a] = sizesIn[i];
                    if (roi != null) {
                        roi[a] = roiIn[i];
                        roi[rank + a] = roiIn[ax.length + i];
                    }
                }
            }
            if (m.coord().equals("tf_crop_and_resize")) o = o.withCrop(roi, m.extrapolation());
            return sizes != null ? Resize.bySizes(x, sizes, o) : Resize.byScales(x, scales, o);
        }
        return resizeGeneral(x, scalesIn, sizesIn, roiIn, m);
    }

    /** Resize with what {@link Resize} does not take: antialias and keep_aspect_ratio_policy. */
    private static Tensor resizeGeneral(Tensor x, double[] scalesIn, long[] sizesIn, double[] roiIn, Mode m) {
        int rank = x.rank();
        int[] axes = new int[m.axes() == null ? rank : m.axes().length];
        for (int i = 0; i < axes.length; i++) axes[i] = m.axes() == null ? i : Indexing.axis(m.axes()[i], rank);
        double[] scales = new double[rank];
        int[] outDims = x.shape().dims();
        Arrays.fill(scales, 1);
        double[] roi = new double[2 * rank];
        for (int i = 0; i < rank; i++) roi[rank + i] = 1;
        if (roiIn != null) {
            for (int i = 0; i < axes.length; i++) {
                roi[axes[i]] = roiIn[i];
                roi[rank + axes[i]] = roiIn[axes.length + i];
            }
        }
        if (sizesIn != null) {
            double[] ratios = new double[axes.length];
            for (int i = 0; i < axes.length; i++) ratios[i] = (double) sizesIn[i] / x.shape().dim(axes[i]);
            if (!m.aspect().equals("stretch")) {
                double s = m.aspect().equals("not_larger") ? Arrays.stream(ratios).min().orElse(1) : Arrays.stream(ratios).max().orElse(1);
                for (int i = 0; i < axes.length; i++) {
                    scales[axes[i]] = s;
                    outDims[axes[i]] = (int) Math.round(s * x.shape().dim(axes[i]));
                }
            } else {
                for (int i = 0; i < axes.length; i++) {
                    scales[axes[i]] = ratios[i];
                    outDims[axes[i]] = (int) sizesIn[i];
                }
            }
        } else if (scalesIn != null) {
            for (int i = 0; i < axes.length; i++) {
                scales[axes[i]] = scalesIn[i];
                outDims[axes[i]] = (int) Math.floor(x.shape().dim(axes[i]) * scalesIn[i] + 1e-9);
            }
        } else {
            throw new IllegalArgumentException("Resize needs scales or sizes");
        }
        Tensor cur = x.castTo(DType.FLOAT64).contiguous();
        for (int a = 0; a < rank; a++) {
            if (outDims[a] == cur.shape().dim(a) && scales[a] == 1 && !m.coord().equals("tf_crop_and_resize")) continue;
            cur = resizeAxis(cur, a, outDims[a], scales[a], roi[a], roi[rank + a], m);
        }
        return cur.castTo(x.dtype());
    }

    private static double original(double o, int in, double out, double scale, double start, double end, String coord) {
        return switch (coord) {
            case "asymmetric" -> o / scale;
            case "align_corners" -> out == 1 ? 0 : o * (in - 1) / (out - 1.0);
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "tf_crop_and_resize" -> out > 1 ? start * (in - 1) + o * (end - start) * (in - 1) / (out - 1.0)
                    : 0.5 * (start + end) * (in - 1);
            case "half_pixel_symmetric" -> {
                double adj = Math.floor(out + 1e-9) / (scale * in);
                double center = in / 2.0;
                yield center * (1 - adj) + (o + 0.5) / scale - 0.5;
            }
            default -> (o + 0.5) / scale - 0.5;
        };
    }

    private static Tensor resizeAxis(Tensor x, int axis, int out, double scale, double start, double end, Mode m) {
        int[] d = x.shape().dims();
        int in = d[axis];
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= d[i];
        for (int i = axis + 1; i < d.length; i++) inner *= d[i];
        int[] od = d.clone();
        od[axis] = out;
        double[] src = x.doubleData(), dst = new double[Shape.of(od).size()];
        for (int o = 0; o < out; o++) {
            double xo = original(o, in, in * scale, scale, start, end, m.coord());
            int[] idx;
            double[] w;
            if (m.coord().equals("tf_crop_and_resize") && (xo < 0 || xo > in - 1)) {
                idx = new int[0];
                w = new double[0];
            } else {
                Taps t = taps(xo, in, scale, m);
                idx = t.idx;
                w = t.w;
            }
            for (int a = 0; a < outer; a++) {
                for (int b = 0; b < inner; b++) {
                    double v;
                    if (idx.length == 0) v = m.extrapolation();
                    else {
                        v = 0;
                        for (int k = 0; k < idx.length; k++) v += w[k] * src[(a * in + idx[k]) * inner + b];
                    }
                    dst[(a * out + o) * inner + b] = v;
                }
            }
        }
        return Tensor.of(dst, od);
    }

    private record Taps(int[] idx, double[] w) {}

    private static int clamp(int i, int n) { return Math.max(0, Math.min(n - 1, i)); }

    private static Taps taps(double xo, int in, double scale, Mode m) {
        switch (m.mode()) {
            case "nearest" -> {
                double f = Math.floor(xo);
                double frac = xo - f;
                int i = switch (m.nearest()) {
                    case "round_prefer_ceil" -> frac >= 0.5 ? (int) f + 1 : (int) f;
                    case "floor" -> (int) f;
                    case "ceil" -> (int) Math.ceil(xo);
                    default -> frac > 0.5 ? (int) f + 1 : (int) f;
                };
                return new Taps(new int[] {clamp(i, in)}, new double[] {1});
            }
            case "linear", "cubic" -> {
                boolean cubic = m.mode().equals("cubic");
                double radius = cubic ? 2 : 1;
                boolean aa = m.antialias() && scale < 1;
                double ks = aa ? scale : 1;
                int base = (int) Math.floor(xo);
                int start = aa ? (int) Math.floor(-radius / scale) + 1 : (cubic ? -1 : 0);
                int n = 2 - 2 * start;
                int[] idx = new int[n];
                double[] w = new double[n];
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    int j = base + start + k;
                    double dist = (j - xo) * ks;
                    double wt = cubic ? cubic(dist, m.cubicA()) : Math.max(0, 1 - Math.abs(dist));
                    if ((j < 0 || j >= in) && m.excludeOutside()) wt = 0;
                    idx[k] = clamp(j, in);
                    w[k] = wt;
                    sum += wt;
                }
                if ((m.excludeOutside() || aa) && sum != 0) for (int k = 0; k < n; k++) w[k] /= sum;
                return new Taps(idx, w);
            }
            default -> throw new dev.weft.onnx.UnsupportedOnnxException("unsupported: Resize mode " + m.mode());
        }
    }

    private static double cubic(double s, double a) {
        double x = Math.abs(s);
        if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return 0;
    }
}
