package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX Resize (opset 11-19, without antialias): nearest, linear and cubic interpolation along every
 * axis, with all of ONNX's coordinate transformation and nearest rounding modes. N-linear and
 * N-cubic interpolation are separable, so the op runs one axis at a time, in double precision,
 * and stores the result in x's dtype (integers truncate, as the ONNX reference does).
 */
public final class Resize {
    private Resize() {}

    /** Interpolation mode. */
    public enum Mode { NEAREST, LINEAR, CUBIC }

    /**
     * Resize attributes with ONNX names and defaults: {@code coordinateTransformationMode} is one of
     * half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric,
     * tf_crop_and_resize; {@code nearestMode} one of round_prefer_floor, round_prefer_ceil, floor,
     * ceil. {@code roi} (starts then ends, normalized) is used only by tf_crop_and_resize.
     */
    public record Options(Mode mode, String coordinateTransformationMode, String nearestMode, double cubicCoeffA,
                          boolean excludeOutside, double extrapolationValue, double[] roi) {
        /** ONNX defaults for the given mode. */
        public static Options defaults(Mode mode) {
            return new Options(mode, "half_pixel", "round_prefer_floor", -0.75, false, 0.0, null);
        }

        public Options withCoordinateMode(String m) {
            return new Options(mode, m, nearestMode, cubicCoeffA, excludeOutside, extrapolationValue, roi);
        }

        public Options withNearestMode(String m) {
            return new Options(mode, coordinateTransformationMode, m, cubicCoeffA, excludeOutside, extrapolationValue, roi);
        }

        public Options withCubic(double a, boolean exclude) {
            return new Options(mode, coordinateTransformationMode, nearestMode, a, exclude, extrapolationValue, roi);
        }

        public Options withCrop(double[] roiStartsThenEnds, double extrapolation) {
            return new Options(mode, coordinateTransformationMode, nearestMode, cubicCoeffA, excludeOutside, extrapolation, roiStartsThenEnds);
        }
    }

    /** Resize by per-axis scale factors; output dims are {@code floor(dim * scale)}. */
    public static Tensor byScales(Tensor x, double[] scales, Options options) {
        if (scales.length != x.rank()) {
            throw new IllegalArgumentException("Resize: " + scales.length + " scales for input " + x.shape());
        }
        long[] out = new long[x.rank()];
        for (int i = 0; i < out.length; i++) {
            if (!(scales[i] > 0)) throw new IllegalArgumentException("Resize: scale " + scales[i] + " on axis " + i + " must be positive");
            out[i] = (long) Math.floor(x.shape().dim(i) * scales[i]);
        }
        return run(x, Shape.of(out), scales, options);
    }

    /** Resize to the given output dims; the scale per axis is {@code out / in}. */
    public static Tensor bySizes(Tensor x, long[] sizes, Options options) {
        if (sizes.length != x.rank()) {
            throw new IllegalArgumentException("Resize: " + sizes.length + " sizes for input " + x.shape());
        }
        Shape out = Shape.of(sizes);
        double[] scales = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) scales[i] = x.shape().dim(i) == 0 ? 1 : (double) sizes[i] / x.shape().dim(i);
        return run(x, out, scales, options);
    }

    private static Tensor run(Tensor x, Shape outShape, double[] scales, Options o) {
        int rank = x.rank();
        if (o.roi() != null && o.roi().length != 2 * rank) {
            throw new IllegalArgumentException("Resize: roi needs " + 2 * rank + " values for input " + x.shape() + ", got " + o.roi().length);
        }
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        if (out.size() == 0) return out;
        if (x.size() == 0) throw new IllegalArgumentException("Resize: cannot resize the empty input " + x.shape() + " to " + outShape);
        int[] dims = x.shape().dims();
        double[] cur = x.toDoubleArray();
        for (int a = 0; a < rank; a++) {
            int m = outShape.dim(a);
            if (m == dims[a] && scales[a] == 1.0 && !"tf_crop_and_resize".equals(o.coordinateTransformationMode())) continue;
            cur = pass(cur, dims, a, m, scales[a], o);
            dims[a] = m;
        }
        for (int i = 0; i < cur.length; i++) out.writeDouble(i, cur[i]);
        return out;
    }

    /** Interpolates along axis a from dims[a] to m elements. */
    private static double[] pass(double[] in, int[] dims, int a, int m, double scale, Options o) {
        int n = dims[a];
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= dims[i];
        for (int i = a + 1; i < dims.length; i++) inner *= dims[i];
        int taps = switch (o.mode()) { case NEAREST -> 1; case LINEAR -> 2; case CUBIC -> 4; };
        int[] idx = new int[m * taps];
        double[] w = new double[m * taps];
        boolean[] extrapolate = new boolean[m];
        for (int j = 0; j < m; j++) {
            double xo = original(j, n, m, scale, a, dims.length, o);
            if ("tf_crop_and_resize".equals(o.coordinateTransformationMode()) && (xo < 0 || xo > n - 1)) {
                extrapolate[j] = true;
                continue;
            }
            weights(xo, n, o, idx, w, j * taps, taps);
        }
        double[] out = new double[outer * m * inner];
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < m; j++) {
                int dst = (p * m + j) * inner;
                if (extrapolate[j]) {
                    Arrays.fill(out, dst, dst + inner, o.extrapolationValue());
                    continue;
                }
                for (int t = 0; t < taps; t++) {
                    double wt = w[j * taps + t];
                    if (wt == 0) continue;
                    int src = (p * n + idx[j * taps + t]) * inner;
                    for (int i = 0; i < inner; i++) out[dst + i] += wt * in[src + i];
                }
            }
        }
        return out;
    }

    /** The input coordinate that output index j maps to. */
    private static double original(int j, int n, int m, double scale, int axis, int rank, Options o) {
        // ONNX measures the resized length as n * scale, which need not be the integer output size.
        double len = n * scale;
        return switch (o.coordinateTransformationMode()) {
            case "half_pixel" -> (j + 0.5) / scale - 0.5;
            case "half_pixel_symmetric" -> {
                double outWidth = scale * n;
                double adjustment = m / outWidth;
                double center = n / 2.0;
                yield center * (1 - adjustment) + (j + 0.5) / scale - 0.5;
            }
            case "pytorch_half_pixel" -> len > 1 ? (j + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> len == 1 ? 0 : j * (n - 1.0) / (len - 1.0);
            case "asymmetric" -> j / scale;
            case "tf_crop_and_resize" -> {
                double start = o.roi() == null ? 0 : o.roi()[axis], end = o.roi() == null ? 1 : o.roi()[axis + rank];
                yield len > 1 ? start * (n - 1) + j * (end - start) * (n - 1) / (len - 1) : 0.5 * (start + end) * (n - 1);
            }
            default -> throw new IllegalArgumentException("Resize: unknown coordinate_transformation_mode \""
                    + o.coordinateTransformationMode() + "\"");
        };
    }

    private static void weights(double xo, int n, Options o, int[] idx, double[] w, int at, int taps) {
        switch (o.mode()) {
            case NEAREST -> {
                double r = switch (o.nearestMode()) {
                    case "round_prefer_floor" -> xo - Math.floor(xo) == 0.5 ? Math.floor(xo) : Math.round(xo);
                    case "round_prefer_ceil" -> xo - Math.floor(xo) == 0.5 ? Math.ceil(xo) : Math.round(xo);
                    case "floor" -> Math.floor(xo);
                    case "ceil" -> Math.ceil(xo);
                    default -> throw new IllegalArgumentException("Resize: unknown nearest_mode \"" + o.nearestMode() + "\"");
                };
                idx[at] = clamp((long) r, n);
                w[at] = 1;
            }
            case LINEAR -> {
                double f = Math.floor(xo), t = xo - f;
                idx[at] = clamp((long) f, n);
                idx[at + 1] = clamp((long) f + 1, n);
                w[at] = 1 - t;
                w[at + 1] = t;
            }
            case CUBIC -> {
                double f = Math.floor(xo), t = xo - f, A = o.cubicCoeffA();
                double[] c = {
                    ((A * (t + 1) - 5 * A) * (t + 1) + 8 * A) * (t + 1) - 4 * A,
                    ((A + 2) * t - (A + 3)) * t * t + 1,
                    ((A + 2) * (1 - t) - (A + 3)) * (1 - t) * (1 - t) + 1,
                    ((A * (2 - t) - 5 * A) * (2 - t) + 8 * A) * (2 - t) - 4 * A
                };
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    long src = (long) f - 1 + k;
                    boolean outside = src < 0 || src >= n;
                    if (o.excludeOutside() && outside) c[k] = 0;
                    idx[at + k] = clamp(src, n);
                    sum += c[k];
                }
                for (int k = 0; k < taps; k++) w[at + k] = o.excludeOutside() ? c[k] / sum : c[k];
            }
        }
    }

    private static int clamp(long i, int n) { return (int) Math.max(0, Math.min(n - 1, i)); }
}
