package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bias and clamp applied as each path of {@link Conv} stores its output (the GEMM epilogue, the
 * compaction of padded columns, Winograd's output rows), against a float64 sum clamped afterwards:
 * every algorithm, with and without bias, prepared and raw weights, vector and scalar paths.
 */
class ConvEpilogueTest {
    private final Random rnd = new Random(11);
    private static final Clamp[] CLAMPS = {Clamp.NONE, Clamp.RELU, new Clamp(0f, 6f), new Clamp(-0.25f, 0.5f)};

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    /** The float64 sum of output (n, m, oh, ow) of a 2-d convolution, bias included. */
    private static double sum(ConvGeometry g, float[] x, float[] w, float[] b, int n, int m, int oh, int ow) {
        int cg = g.channels() / g.group(), mg = g.outChannels() / g.group(), grp = m / mg;
        double s = b == null ? 0 : b[m];
        for (int c = 0; c < cg; c++) {
            int ci = grp * cg + c;
            for (int kh = 0; kh < g.kH(); kh++) {
                for (int kw = 0; kw < g.kW(); kw++) {
                    int ih = oh * g.sH() - g.pH() + kh * g.dH(), iw = ow * g.sW() - g.pW() + kw * g.dW();
                    if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) continue;
                    s += (double) w[((m * cg + c) * g.kH() + kh) * g.kW() + kw]
                            * x[((n * g.channels() + ci) * g.inH() + ih) * g.inW() + iw];
                }
            }
        }
        return s;
    }

    private void check(int batch, int c, int m, int group, int h, int w, int k, int s, int p, int d,
                       boolean withBias, Clamp clamp) {
        int oh = KernelPaths.out(h, k, s, p, p, d), ow = KernelPaths.out(w, k, s, p, p, d);
        ConvGeometry g = ConvGeometry.of(batch, c, m, group, new int[] {h, w}, new int[] {k, k}, new int[] {s, s},
                new int[] {p, p}, new int[] {d, d}, new int[] {oh, ow});
        float[] x = random(batch * c * h * w), wt = random(m * (c / group) * k * k), b = withBias ? random(m) : null;
        String what = g + " bias=" + withBias + " " + clamp;
        for (boolean vector : new boolean[] {true, false}) {
            for (boolean prepared : new boolean[] {true, false}) {
                float[] y = new float[batch * m * oh * ow];
                java.util.Arrays.fill(y, Float.NaN); // every output must be written
                KernelPaths.with(vector, () -> {
                    if (prepared) Conv.conv(g, x, ConvWeights.of(wt), b, y, clamp);
                    else Conv.conv(g, x, wt, b, y, clamp);
                    return null;
                });
                for (int n = 0; n < batch; n++) {
                    for (int mo = 0; mo < m; mo++) {
                        for (int r = 0; r < oh; r++) {
                            for (int q = 0; q < ow; q++) {
                                double e = sum(g, x, wt, b, n, mo, r, q);
                                double expected = Math.min(Math.max(e, clamp.lo()), clamp.hi());
                                float got = y[((n * m + mo) * oh + r) * ow + q];
                                assertEquals(expected, got, 1e-4 * (1 + Math.abs(e)) * Math.sqrt(c * k * k),
                                        what + (vector ? " vector" : " scalar") + (prepared ? " prepared" : " raw")
                                                + ": output (" + n + ", " + mo + ", " + r + ", " + q + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyPathAddsBiasAndClampsOnce() {
        for (Clamp clamp : CLAMPS) {
            for (boolean bias : new boolean[] {true, false}) {
                check(1, 8, 13, 1, 20, 20, 1, 1, 0, 1, bias, clamp);  // pointwise, 400 columns: one GEMM on the input
                check(1, 300, 7, 1, 17, 17, 1, 1, 0, 1, bias, clamp); // pointwise, K over KC: one block only when prepared
                check(1, 1200, 7, 1, 17, 17, 1, 1, 0, 1, bias, clamp); // pointwise with K over one prepacked block too
                check(1, 16, 10, 1, 9, 9, 1, 1, 0, 1, bias, clamp);   // pointwise, 81 columns: GEMM on the input when prepared, else direct GEMM
                check(1, 64, 17, 1, 14, 14, 3, 1, 1, 1, bias, clamp); // 3×3 stride 1, 64 channels: Winograd
                check(1, 6, 17, 1, 14, 14, 3, 1, 1, 1, bias, clamp);  // 3×3 stride 1, 6 channels: direct, compacted
                check(1, 5, 20, 1, 30, 30, 3, 1, 1, 1, bias, clamp);  // many tiles clear of C's ends: whole-vector stores
                check(1, 8, 30, 1, 7, 7, 3, 1, 1, 1, bias, clamp);    // 9-column pitch: four output rows per tile
                check(1, 3, 16, 1, 70, 70, 3, 2, 0, 1, bias, clamp);  // 35-column pitch: two segments per tile, set once
                check(1, 5, 9, 1, 15, 13, 3, 2, 1, 1, bias, clamp);   // stride 2: padded columns compacted
                check(2, 6, 8, 2, 11, 11, 3, 1, 1, 2, bias, clamp);   // groups, dilation, two images
                check(1, 3, 20, 1, 40, 40, 7, 2, 3, 1, bias, clamp);  // a stem-like 7×7 stride 2, compacted by the GEMM
                check(1, 3, 32, 1, 140, 140, 3, 2, 1, 1, bias, clamp); // 3×3 stem, 32 rows over 4,970 columns: rows-outer loop
                check(1, 32, 8, 1, 19, 19, 3, 2, 1, 1, bias, clamp);  // K over KC: compacted by the GEMM when prepared, else by a pass
                check(1, 136, 8, 1, 13, 13, 3, 2, 1, 1, bias, clamp); // K over one prepacked block: compacted by a pass
                // At least 32 outputs and K of at least 128, prepared: the 12-row tile (VectorTallMicroKernel).
                check(1, 16, 40, 1, 13, 13, 3, 1, 1, 1, bias, clamp); // compacted; 40 = 3 tiles + a 6-row edge tile
                check(1, 16, 36, 1, 15, 15, 3, 2, 1, 1, bias, clamp); // stride 2, whole tiles only
                check(1, 130, 45, 1, 10, 10, 1, 1, 0, 1, bias, clamp); // pointwise: a 9-row edge tile, a one-vector edge panel
                check(1, 128, 42, 1, 10, 10, 1, 1, 0, 1, bias, clamp); // pointwise: the 6-row edge tile straight into C
                check(1, 1200, 40, 1, 10, 10, 1, 1, 0, 1, bias, clamp); // K over one prepacked block: tiles added to C
            }
        }
    }

    @Test
    void clampKeepsNaN() {
        ConvGeometry g = ConvGeometry.of(1, 4, 6, 1, new int[] {20, 20}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1}, new int[] {20, 20});
        float[] x = random(4 * 400), w = random(24), y = new float[6 * 400];
        x[37] = Float.NaN;
        for (boolean vector : new boolean[] {true, false}) {
            KernelPaths.with(vector, () -> {
                Conv.conv(g, x, w, null, y, Clamp.RELU);
                return null;
            });
            for (int mo = 0; mo < 6; mo++) {
                assertTrue(Float.isNaN(y[mo * 400 + 37]), "NaN input must stay NaN through the clamp, channel " + mo);
                assertTrue(y[mo * 400 + 38] >= 0f, "relu output must not be negative, channel " + mo);
            }
        }
    }
}
