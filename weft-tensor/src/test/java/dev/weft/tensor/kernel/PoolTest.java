package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoolTest {
    private final Random rnd = new Random(5);

    /** Max over the window's input elements, NaN skipped; -infinity for a window with none. */
    private static float[] referenceMax(ConvGeometry g, float[] x) {
        float[] y = new float[g.batch() * g.channels() * g.outPlane()];
        for (int u = 0; u < g.batch() * g.channels(); u++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int kh = 0; kh < g.kH(); kh++) {
                        for (int kw = 0; kw < g.kW(); kw++) {
                            int ih = oh * g.sH() - g.pH() + kh * g.dH(), iw = ow * g.sW() - g.pW() + kw * g.dW();
                            if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) continue;
                            float v = x[u * g.inPlane() + ih * g.inW() + iw];
                            if (!Float.isNaN(v) && v > m) m = v;
                        }
                    }
                    y[u * g.outPlane() + oh * g.outW() + ow] = m;
                }
            }
        }
        return y;
    }

    /** Mean over the window; the divisor counts taps in the input, or in [-padBegin, in + padEnd) with include. */
    private static float[] referenceAverage(ConvGeometry g, float[] x, boolean include, int peH, int peW) {
        float[] y = new float[g.batch() * g.channels() * g.outPlane()];
        for (int u = 0; u < g.batch() * g.channels(); u++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    double sum = 0;
                    int count = 0;
                    for (int kh = 0; kh < g.kH(); kh++) {
                        for (int kw = 0; kw < g.kW(); kw++) {
                            int ih = oh * g.sH() - g.pH() + kh * g.dH(), iw = ow * g.sW() - g.pW() + kw * g.dW();
                            boolean inside = ih >= 0 && ih < g.inH() && iw >= 0 && iw < g.inW();
                            boolean counted = include
                                    ? ih >= -g.pH() && ih < g.inH() + peH && iw >= -g.pW() && iw < g.inW() + peW : inside;
                            if (counted) count++;
                            if (inside) sum += x[u * g.inPlane() + ih * g.inW() + iw];
                        }
                    }
                    y[u * g.outPlane() + oh * g.outW() + ow] = count == 0 ? Float.NaN : (float) (sum / count);
                }
            }
        }
        return y;
    }

    private record Case(ConvGeometry g, int peH, int peW) {}

    /** A random 2-d (or 1-d when inH is 1) pooling; ceil mode may add one output whose window starts inside. */
    private Case randomCase(int inH, int inW, int k, int s, int p, int d, boolean ceil) {
        int kH = inH == 1 ? 1 : k, pH = inH == 1 ? 0 : p;
        int outH = KernelPaths.out(inH, kH, s, pH, pH, d), outW = KernelPaths.out(inW, k, s, p, p, d);
        int peH = pH, peW = p;
        if (ceil) {
            if (outH > 0 && outH * s - pH < inH && (inH + 2 * pH - d * (kH - 1) - 1) % s != 0) { outH++; peH += s; }
            if (outW > 0 && outW * s - p < inW && (inW + 2 * p - d * (k - 1) - 1) % s != 0) { outW++; peW += s; }
        }
        ConvGeometry g = ConvGeometry.of(1 + rnd.nextInt(2), 1 + rnd.nextInt(4), 0, 1, new int[] {inH, inW},
                new int[] {kH, k}, new int[] {inH == 1 ? 1 : s, s}, new int[] {pH, p}, new int[] {inH == 1 ? 1 : d, d},
                new int[] {outH, outW});
        g = new ConvGeometry(g.batch(), g.channels(), g.channels(), 1, g.inD(), g.inH(), g.inW(), g.kD(), g.kH(), g.kW(),
                g.sD(), g.sH(), g.sW(), g.pD(), g.pH(), g.pW(), g.dD(), g.dH(), g.dW(), g.outD(), g.outH(), g.outW());
        return new Case(g, peH, peW);
    }

    /** Random values with NaN, +-infinity and signed zeros sprinkled in. */
    private float[] input(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(20);
            x[i] = switch (r) {
                case 0 -> Float.NaN;
                case 1 -> Float.POSITIVE_INFINITY;
                case 2 -> Float.NEGATIVE_INFINITY;
                case 3 -> -0f;
                case 4 -> 0f;
                default -> rnd.nextFloat() * 2 - 1;
            };
        }
        return x;
    }

    private static void sameBits(float[] a, float[] b, String what) {
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), what + " at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }

    private void check(Case c, boolean nonFinite) {
        ConvGeometry g = c.g();
        int size = g.batch() * g.channels() * g.outPlane();
        float[] x = nonFinite ? input(g.batch() * g.channels() * g.inPlane()) : GemmTest.random(g.batch() * g.channels() * g.inPlane());
        String what = g + " padEnd=" + c.peH() + "," + c.peW();
        float[][] max = new float[2][];
        for (int path = 0; path < 2; path++) {
            boolean vector = path == 0;
            max[path] = KernelPaths.with(vector, () -> {
                float[] y = new float[size];
                Arrays.fill(y, 42f);
                Pool.maxPool(g, x, y, null, 0);
                return y;
            });
            // With indices (scalar loop): the same values, and each index points at the value chosen.
            long[] idx = new long[size];
            float[] yi = KernelPaths.with(vector, () -> {
                float[] y = new float[size];
                Pool.maxPool(g, x, y, idx, 0);
                return y;
            });
            sameBits(max[path], yi, what + " max with indices");
            for (int i = 0; i < size; i++) {
                if (idx[i] >= 0) assertEquals(Float.floatToIntBits(yi[i]), Float.floatToIntBits(x[(int) idx[i]]), what + " index " + i);
                else assertEquals(Float.NEGATIVE_INFINITY, yi[i], what + " empty window " + i);
            }
        }
        sameBits(referenceMax(g, x), max[0], what + " max vector vs reference");
        sameBits(max[0], max[1], what + " max vector vs scalar");
        for (boolean include : new boolean[] {false, true}) {
            float[] expected = referenceAverage(g, x, include, c.peH(), c.peW());
            float[][] avg = new float[2][];
            for (int path = 0; path < 2; path++) {
                avg[path] = KernelPaths.with(path == 0, () -> {
                    float[] y = new float[size];
                    Arrays.fill(y, 42f);
                    Pool.averagePool(g, x, y, include, 0, c.peH(), c.peW());
                    return y;
                });
            }
            sameBits(avg[0], avg[1], what + " average include=" + include + " vector vs scalar");
            for (int i = 0; i < size; i++) {
                float e = expected[i], a = avg[0][i];
                if (Float.isNaN(e) || Float.isInfinite(e)) assertEquals(Float.floatToIntBits(e), Float.floatToIntBits(a), what + " average at " + i);
                else assertEquals(e, a, 1e-5f * (1 + Math.abs(e)), what + " average include=" + include + " at " + i);
            }
        }
    }

    @Test
    void networkShapes() {
        check(randomCase(112, 112, 3, 2, 1, 1, false), false); // ResNet-18
        check(randomCase(111, 111, 3, 2, 0, 1, true), false);  // SqueezeNet 1.1, ceil mode
        check(randomCase(27, 27, 3, 2, 0, 1, true), true);
        check(randomCase(13, 13, 3, 1, 1, 1, false), true);
        check(randomCase(28, 28, 2, 2, 0, 1, false), true);   // MNIST's first pool
        check(randomCase(14, 14, 3, 3, 0, 1, true), true);    // and its second
        check(randomCase(33, 33, 2, 2, 1, 1, true), true);    // 2×2 with padding and ceil mode
    }

    /**
     * 3×3 stride-2 pools with one row and column of padding on even inputs at least two vectors wide
     * (ResNet's): the padding row and column come from -infinity and a blend, none one at a time;
     * every split of a row into runs, one- and two-row outputs, first and last planes, NaN included.
     */
    @Test
    void halvingPools() {
        for (int w = 32; w <= 70; w += 2) check(randomCase(2 + w % 8, w, 3, 2, 1, 1, false), w % 4 == 0);
        check(randomCase(2, 32, 3, 2, 1, 1, false), true);
    }

    /**
     * 3×3 pools with vertical stride 2 and no vertical padding (SqueezeNet's) and horizontal stride
     * 1 or 2, which the square cases above do not mix: widths across run boundaries, odd and even
     * heights, ceil mode, and planes ending at the end of the array.
     */
    @Test
    void verticalStrideTwoPools() {
        for (int sW : new int[] {1, 2}) {
            for (int w = 3; w <= 40; w += 3) {
                for (int h : new int[] {3, 4, 5, 8, 11}) check(stride2Rows(h, w, sW, (w + h) % 3 == 0), (w + h) % 2 == 0);
            }
        }
    }

    /**
     * 3×3 pools with stride 2 both ways, whose rows with the whole window inside go down columns:
     * with and without padding, odd and even sizes, ceil mode, widths across run boundaries, NaN
     * included. The last plane's last runs would read past the input, so they go row by row.
     */
    @Test
    void stride2PoolsGoDownColumns() {
        for (int w = 5; w <= 70; w += 3) {
            for (int p = 0; p <= 1; p++) check(randomCase(3 + w % 9, w, 3, 2, p, 1, w % 4 < 2), w % 2 == 1);
        }
    }

    /** A 3×3 max or average pool with vertical stride 2, horizontal stride sW, no padding. */
    private Case stride2Rows(int inH, int inW, int sW, boolean ceil) {
        int outH = KernelPaths.out(inH, 3, 2, 0, 0, 1), outW = KernelPaths.out(inW, 3, sW, 0, 0, 1);
        int peH = 0, peW = 0;
        if (ceil && (inH - 3) % 2 != 0) { outH++; peH += 2; }
        if (ceil && (inW - 3) % sW != 0) { outW++; peW += sW; }
        ConvGeometry g = new ConvGeometry(1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 0, 1, 1, inH, inW, 1, 3, 3,
                1, 2, sW, 0, 0, 0, 1, 1, 1, 1, outH, outW);
        g = new ConvGeometry(g.batch(), g.channels(), g.channels(), 1, g.inD(), g.inH(), g.inW(), g.kD(), g.kH(), g.kW(),
                g.sD(), g.sH(), g.sW(), g.pD(), g.pH(), g.pW(), g.dD(), g.dH(), g.dW(), g.outD(), g.outH(), g.outW());
        return new Case(g, peH, peW);
    }

    @Test
    void randomShapesWithNaNAndInfinities() {
        for (int trial = 0; trial < 300; trial++) {
            int k = new int[] {1, 2, 3, 5}[rnd.nextInt(4)], s = 1 + rnd.nextInt(3), p = rnd.nextInt(Math.min(3, k));
            int d = rnd.nextInt(4) == 0 ? 2 : 1;
            int inH = rnd.nextInt(5) == 0 ? 1 : 1 + rnd.nextInt(12), inW = 1 + rnd.nextInt(40);
            Case c = randomCase(inH, inW, k, s, p, d, rnd.nextBoolean());
            if (c.g().outPlane() == 0) continue;
            check(c, rnd.nextBoolean());
        }
    }

    @Test
    void edgeWidths() {
        for (int w = 1; w <= 34; w++) check(randomCase(3, w, Math.min(3, w), 1 + w % 3, w % 2, 1, w % 4 == 0), true);
        check(randomCase(1, 1, 1, 1, 0, 1, false), true);
    }

    @Test
    void globalAverageMatchesADoubleMean() {
        for (int planes : new int[] {1, 3, 4, 5, 9}) {
            for (int size : new int[] {0, 1, 3, 4, 5, 15, 16, 17, 49, 169, 1000}) {
                float[] x = GemmTest.random(planes * size), y = new float[planes];
                Pool.globalAverage(x, planes, size, y);
                for (int u = 0; u < planes; u++) {
                    double sum = 0;
                    for (int i = 0; i < size; i++) sum += x[u * size + i];
                    String what = planes + " planes of " + size + ", plane " + u;
                    if (size == 0) assertEquals(Float.NaN, y[u], what);
                    else assertEquals((float) (sum / size), y[u], 1e-6f, what);
                }
            }
        }
    }
}
