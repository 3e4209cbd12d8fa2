package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX GridSample (opset 16/20) for any number of spatial dims: input {@code [N, C, D1, ...]},
 * grid {@code [N, O1, ..., r]} of normalized coordinates in [-1, 1] listed innermost dim first,
 * output {@code [N, C, O1, ...]}. Modes nearest, linear and cubic (Keys, a = -0.75); padding
 * zeros, border or reflection; with or without align_corners. Nearest rounds half to even in
 * every rank, which is what ONNX's expected outputs hold. Computed in double, one output
 * point at a time (a reference implementation, not tuned).
 */
public final class GridSample {
    private GridSample() {}

    public static Tensor gridSample(Tensor x, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        int r = x.rank() - 2;
        if (r < 1 || grid.rank() != r + 2 || grid.shape().dim(-1) != r || grid.shape().dim(0) != x.shape().dim(0)) {
            throw new IllegalArgumentException("GridSample: grid " + grid.shape() + " does not fit input " + x.shape());
        }
        int taps = switch (mode) {
            case "nearest" -> 1;
            case "linear", "bilinear" -> 2;
            case "cubic", "bicubic" -> 4;
            default -> throw new IllegalArgumentException("GridSample: unknown mode \"" + mode + "\"");
        };
        if (!paddingMode.equals("zeros") && !paddingMode.equals("border") && !paddingMode.equals("reflection")) {
            throw new IllegalArgumentException("GridSample: unknown padding_mode \"" + paddingMode + "\"");
        }
        int n = x.shape().dim(0), c = x.shape().dim(1);
        int[] dims = new int[r];
        int inPts = 1;
        for (int i = 0; i < r; i++) {
            dims[i] = x.shape().dim(2 + i);
            inPts *= dims[i];
        }
        int[] outDims = new int[r + 2];
        outDims[0] = n;
        outDims[1] = c;
        int outPts = 1;
        for (int i = 0; i < r; i++) {
            outDims[2 + i] = grid.shape().dim(1 + i);
            outPts *= outDims[2 + i];
        }
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(outDims));
        if (y.size() == 0) return y;
        double[] xd = x.toDoubleArray(), gd = grid.toDoubleArray();
        double[] lo = new double[r], hi = new double[r], coord = new double[r];
        for (int i = 0; i < r; i++) {
            lo[i] = alignCorners ? 0 : -0.5;
            hi[i] = alignCorners ? dims[i] - 1 : dims[i] - 0.5;
        }
        int[][] idx = new int[r][taps];
        double[][] w = new double[r][taps];
        int combos = (int) Math.pow(taps, r);
        for (int ni = 0; ni < n; ni++) {
            for (int p = 0; p < outPts; p++) {
                for (int i = 0; i < r; i++) {
                    double g = gd[(ni * outPts + p) * r + (r - 1 - i)];
                    double v = alignCorners ? (g + 1) / 2 * (dims[i] - 1) : ((g + 1) * dims[i] - 1) / 2;
                    if (taps == 1) v = Math.rint(v);
                    if (v < lo[i] || v > hi[i]) {
                        if (paddingMode.equals("border")) v = Math.max(0, Math.min(dims[i] - 1, v));
                        else if (paddingMode.equals("reflection")) v = reflect(v, lo[i], hi[i]);
                    }
                    coord[i] = v;
                    weights(v, taps, idx[i], w[i]);
                }
                for (int ci = 0; ci < c; ci++) {
                    int base = (ni * c + ci) * inPts;
                    double sum = 0;
                    for (int combo = 0; combo < combos; combo++) {
                        double weight = 1;
                        int flat = 0;
                        boolean zero = false;
                        for (int i = 0, rest = combo; i < r; i++, rest /= taps) {
                            int t = rest % taps;
                            weight *= w[i][t];
                            int at = pixel(idx[i][t], dims[i], lo[i], hi[i], paddingMode);
                            if (at < 0) zero = true;
                            flat = flat * dims[i] + Math.max(at, 0);
                        }
                        if (!zero && weight != 0) sum += weight * xd[base + flat];
                    }
                    y.writeDouble((ni * c + ci) * outPts + p, sum);
                }
            }
        }
        return y;
    }

    /** Tap indices and weights along one dim; nearest takes the (already rounded) coordinate itself. */
    private static void weights(double v, int taps, int[] idx, double[] w) {
        if (taps == 1) {
            idx[0] = (int) v;
            w[0] = 1;
            return;
        }
        int f = (int) Math.floor(v);
        double t = v - f;
        if (taps == 2) {
            idx[0] = f;
            idx[1] = f + 1;
            w[0] = 1 - t;
            w[1] = t;
            return;
        }
        double a = -0.75;
        w[0] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
        w[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
        w[2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
        w[3] = ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a;
        for (int k = 0; k < 4; k++) idx[k] = f - 1 + k;
    }

    /** The index read for tap i, or -1 for a zero (zeros padding outside the input). */
    private static int pixel(int i, int d, double lo, double hi, String padding) {
        return switch (padding) {
            case "zeros" -> i >= 0 && i < d ? i : -1;
            case "border" -> Math.max(0, Math.min(d - 1, i));
            default -> Math.max(0, Math.min(d - 1, (int) reflect(i, lo, hi)));
        };
    }

    /** Reflects v off the borders [lo, hi] until it lies between them. */
    private static double reflect(double v, double lo, double hi) {
        double range = hi - lo;
        if (range <= 0) return lo;
        if (v < lo) {
            double dx = lo - v;
            long k = (long) (dx / range);
            double rem = dx - k * range;
            return k % 2 == 0 ? lo + rem : hi - rem;
        }
        if (v > hi) {
            double dx = v - hi;
            long k = (long) (dx / range);
            double rem = dx - k * range;
            return k % 2 == 0 ? hi - rem : lo + rem;
        }
        return v;
    }

    /**
     * ONNX AffineGrid: the sampling grid {@code [N, H, W, 2]} (or {@code [N, D, H, W, 3]}) that
     * {@code theta} ({@code [N, 2, 3]} or {@code [N, 3, 4]}) maps the normalized output
     * coordinates to; {@code size} is the output size {@code [N, C, H, W]} or {@code [N, C, D, H, W]}.
     */
    public static Tensor affineGrid(Tensor theta, long[] size, boolean alignCorners) {
        int r = size.length - 2;
        if ((r != 2 && r != 3) || theta.rank() != 3 || theta.shape().dim(1) != r || theta.shape().dim(2) != r + 1
                || theta.shape().dim(0) != size[0]) {
            throw new IllegalArgumentException("AffineGrid: theta " + theta.shape() + " does not fit size " + java.util.Arrays.toString(size));
        }
        int n = (int) size[0];
        int[] sp = new int[r];
        long[] outDims = new long[r + 2];
        outDims[0] = n;
        int pts = 1;
        for (int i = 0; i < r; i++) {
            sp[i] = (int) size[2 + i];
            outDims[1 + i] = sp[i];
            pts *= sp[i];
        }
        outDims[r + 1] = r;
        Tensor out = Tensor.zeros(theta.dtype(), Shape.of(outDims));
        double[] th = theta.toDoubleArray();
        double[] base = new double[r + 1];
        base[r] = 1;
        int[] pos = new int[r];
        for (int ni = 0; ni < n; ni++) {
            java.util.Arrays.fill(pos, 0);
            for (int p = 0; p < pts; p++) {
                // base holds (x, y[, z], 1): x runs along the last spatial dim.
                for (int i = 0; i < r; i++) base[i] = coordinate(pos[r - 1 - i], sp[r - 1 - i], alignCorners);
                for (int row = 0; row < r; row++) {
                    double v = 0;
                    for (int col = 0; col <= r; col++) v += th[(ni * r + row) * (r + 1) + col] * base[col];
                    out.writeDouble((ni * pts + p) * r + row, v);
                }
                Indexing.advance(pos, sp);
            }
        }
        return out;
    }

    private static double coordinate(int i, int d, boolean alignCorners) {
        if (alignCorners) return d == 1 ? -1 : -1 + 2.0 * i / (d - 1);
        return (2.0 * i + 1) / d - 1;
    }
}
