package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.tensor.parallel.IntraOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct convolution split into slabs of output rows (two intra-op threads) against one piece and a float64 sum. */
class DirectConvSlabTest {
    private final Random rnd = new Random(5);

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    private static double reference(ConvGeometry g, float[] x, float[] w, float[] b, int m, int oh, int ow) {
        double sum = b[m];
        for (int c = 0; c < g.channels(); c++) {
            for (int kh = 0; kh < g.kH(); kh++) {
                for (int kw = 0; kw < g.kW(); kw++) {
                    int ih = oh * g.sH() - g.pH() + kh * g.dH(), iw = ow * g.sW() - g.pW() + kw * g.dW();
                    if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) continue;
                    sum += (double) w[((m * g.channels() + c) * g.kH() + kh) * g.kW() + kw] * x[(c * g.inH() + ih) * g.inW() + iw];
                }
            }
        }
        return sum;
    }

    private void check(int c, int m, int h, int w, int k, int s, int p, int d) {
        int oh = (h + 2 * p - d * (k - 1) - 1) / s + 1, ow = (w + 2 * p - d * (k - 1) - 1) / s + 1;
        ConvGeometry g = ConvGeometry.of(1, c, m, 1, new int[] {h, w}, new int[] {k, k}, new int[] {s, s},
                new int[] {p, p}, new int[] {d, d}, new int[] {oh, ow});
        float[] x = random(c * h * w), wt = random(m * c * k * k), b = random(m);
        float[] one = new float[m * oh * ow], two = new float[m * oh * ow];
        int before = IntraOp.threads();
        try {
            IntraOp.setThreads(1);
            Conv.conv(g, x, ConvWeights.of(wt), b, one, null);
            IntraOp.setThreads(2);
            assertEquals(2, Conv.slabs(g, m, c * k * k), g + " should split into two slabs of output rows");
            Conv.conv(g, x, ConvWeights.of(wt), b, two, null);
        } finally {
            IntraOp.setThreads(before);
        }
        for (int mo = 0; mo < m; mo++) {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int i = (mo * oh + r) * ow + q;
                    double e = reference(g, x, wt, b, mo, r, q);
                    String where = g + ": output (" + mo + ", " + r + ", " + q + ")";
                    assertEquals(e, one[i], 1e-4 * (1 + Math.abs(e)), where + ", one piece");
                    assertEquals(one[i], two[i], 1e-5 * (1 + Math.abs(e)), where + ", slabs");
                }
            }
        }
    }

    @Test
    void slabsMatchOnePieceWithPaddingStridesAndDilation() {
        check(48, 64, 30, 30, 3, 2, 1, 1);    // stride 2: the first slab reads the top padding
        check(16, 48, 40, 23, 7, 2, 3, 1);    // a stem-like 7×7 with wide padding at both ends
        check(32, 32, 33, 17, 3, 1, 2, 2);    // dilation 2, padding 2, odd height
        check(128, 128, 40, 40, 1, 2, 0, 1);  // 1×1 stride 2: no padding at all
    }
}
