package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * GridSample (opsets 16, 20, 22) over 2 or 3 spatial dims: nearest, (bi/tri)linear and (2-D)
 * cubic sampling with zeros, border or reflection padding, following the ONNX reference's
 * coordinate conventions.
 */
final class GridSampleOps {
    private GridSampleOps() {}

    private record Attrs(String mode, String padding, boolean alignCorners) {}

    static void register(OpRegistry r) {
        r.add("GridSample", 16, c -> {
            String mode = switch (c.attrString("mode", c.opset() >= 20 ? "linear" : "bilinear")) {
                case "bilinear", "linear" -> "linear";
                case "bicubic", "cubic" -> "cubic";
                default -> "nearest";
            };
            Attrs a = new Attrs(mode, c.attrString("padding_mode", "zeros"), c.attrInt("align_corners", 0) != 0);
            return c.op(Kernel.single(in -> sample(in.get(0), in.get(1), a)));
        });
    }

    static Tensor sample(Tensor x0, Tensor grid0, Attrs a) {
        Tensor x = x0.castTo(DType.FLOAT64).contiguous(), grid = grid0.castTo(DType.FLOAT64).contiguous();
        int[] xd = x.shape().dims();
        int nsp = xd.length - 2;
        int n = xd[0], ch = xd[1];
        int[] size = java.util.Arrays.copyOfRange(xd, 2, xd.length);
        int[] gd = grid.shape().dims();
        int[] outSp = java.util.Arrays.copyOfRange(gd, 1, 1 + nsp);
        int outCount = Shape.of(outSp).size(), inCount = Shape.of(size).size();
        int[] od = new int[xd.length];
        od[0] = n;
        od[1] = ch;
        System.arraycopy(outSp, 0, od, 2, nsp);
        double[] y = new double[Shape.of(od).size()];
        double[] xv = x.doubleData(), gv = grid.doubleData();
        int[] inStrides = Indexing.strides(size);
        int taps = a.mode().equals("cubic") ? 4 : a.mode().equals("linear") ? 2 : 1;
        int[][] idx = new int[nsp][taps];
        double[][] w = new double[nsp][taps];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < outCount; p++) {
                for (int d = 0; d < nsp; d++) {
                    // grid's last axis lists coordinates innermost-first (x, y, z).
                    double g = gv[(b * outCount + p) * nsp + (nsp - 1 - d)];
                    taps(g, size[d], a, idx[d], w[d]);
                }
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    int total = 1;
                    for (int d = 0; d < nsp; d++) total *= taps;
                    for (int t = 0; t < total; t++) {
                        int rest = t, off = 0;
                        double wt = 1;
                        boolean zero = false;
                        for (int d = nsp - 1; d >= 0; d--) {
                            int k = rest % taps;
                            rest /= taps;
                            if (idx[d][k] < 0) zero = true;
                            off += Math.max(idx[d][k], 0) * inStrides[d];
                            wt *= w[d][k];
                        }
                        if (!zero && wt != 0) acc += wt * xv[(b * ch + c) * inCount + off];
                    }
                    y[(b * ch + c) * outCount + p] = acc;
                }
            }
        }
        return Tensor.of(y, od).castTo(x0.dtype());
    }

    private static double reflect(double v, double lo, double hi) {
        double range = hi - lo;
        if (range <= 0) return lo;
        if (v < lo) {
            double dx = lo - v;
            int k = (int) (dx / range);
            double r = dx - k * range;
            return k % 2 == 0 ? lo + r : hi - r;
        }
        if (v > hi) {
            double dx = v - hi;
            int k = (int) (dx / range);
            double r = dx - k * range;
            return k % 2 == 0 ? hi - r : lo + r;
        }
        return v;
    }

    /** Fills the input indices (-1: zero padding) and weights of one coordinate. */
    private static void taps(double g, int size, Attrs a, int[] idx, double[] w) {
        double x = a.alignCorners() ? (g + 1) / 2 * (size - 1) : ((g + 1) * size - 1) / 2;
        double lo = a.alignCorners() ? 0 : -0.5, hi = a.alignCorners() ? size - 1 : size - 0.5;
        if (a.padding().equals("border")) x = Math.max(0, Math.min(size - 1, x));
        else if (a.padding().equals("reflection")) x = reflect(x, lo, hi);
        switch (a.mode()) {
            case "nearest" -> {
                idx[0] = pixel((int) Math.rint(x), size, a, lo, hi);
                w[0] = 1;
            }
            case "linear" -> {
                int x0 = (int) Math.floor(x);
                double f = x - x0;
                idx[0] = pixel(x0, size, a, lo, hi);
                idx[1] = pixel(x0 + 1, size, a, lo, hi);
                w[0] = 1 - f;
                w[1] = f;
            }
            default -> {
                int x0 = (int) Math.floor(x) - 1;
                double f = x - Math.floor(x);
                double aa = -0.75;
                double[] coeffs = {cubic(f + 1, aa), cubic(f, aa), cubic(1 - f, aa), cubic(2 - f, aa)};
                for (int k = 0; k < 4; k++) {
                    idx[k] = pixel(x0 + k, size, a, lo, hi);
                    w[k] = coeffs[k];
                }
            }
        }
    }

    private static int pixel(int i, int size, Attrs a, double lo, double hi) {
        if (i >= 0 && i < size) return i;
        return switch (a.padding()) {
            case "border" -> Math.max(0, Math.min(size - 1, i));
            case "reflection" -> Math.max(0, Math.min(size - 1, (int) reflect(i, lo, hi)));
            default -> -1;
        };
    }

    private static double cubic(double s, double a) {
        double x = Math.abs(s);
        if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return 0;
    }
}
