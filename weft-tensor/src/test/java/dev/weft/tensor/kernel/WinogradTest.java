package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.tensor.parallel.IntraOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WinogradTest {
    private final Random rnd = new Random(11);

    private static ConvGeometry geometry(int n, int c, int m, int h, int w, int padH, int padW, int padHEnd, int padWEnd) {
        int oh = h + padH + padHEnd - 2, ow = w + padW + padWEnd - 2;
        return ConvGeometry.of(n, c, m, 1, new int[] {h, w}, new int[] {3, 3}, new int[] {1, 1},
                new int[] {padH, padW}, new int[] {1, 1}, new int[] {oh, ow});
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    /**
     * Checks every output against a float64 direct sum. The bound scales with the sum of the
     * absolute terms, which is how Winograd's rounding grows (F(4×4) transforms hold entries up to 8).
     */
    private static void check(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, String what) {
        int c = g.channels(), plane = g.outPlane();
        for (int img = 0; img < g.batch(); img++) {
            for (int mo = 0; mo < g.outChannels(); mo++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        double sum = bias == null ? 0 : bias[mo], abs = Math.abs(sum);
                        for (int ch = 0; ch < c; ch++) {
                            for (int kh = 0; kh < 3; kh++) {
                                for (int kw = 0; kw < 3; kw++) {
                                    int ih = oh - g.pH() + kh, iw = ow - g.pW() + kw;
                                    if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) continue;
                                    double t = (double) w[((mo * c + ch) * 3 + kh) * 3 + kw]
                                            * x[((img * c + ch) * g.inH() + ih) * g.inW() + iw];
                                    sum += t;
                                    abs += Math.abs(t);
                                }
                            }
                        }
                        float got = y[(img * g.outChannels() + mo) * plane + oh * g.outW() + ow];
                        if (!(Math.abs(got - sum) <= 2e-6 * abs + 1e-6)) {
                            throw new AssertionError(what + ": output (" + img + ", " + mo + ", " + oh + ", " + ow
                                    + ") expected " + sum + " but was " + got);
                        }
                    }
                }
            }
        }
    }

    private void run(Winograd.Variant v, ConvGeometry g, boolean withBias) {
        float[] x = random(g.batch() * g.channels() * g.inPlane());
        float[] w = random(g.outChannels() * g.channels() * 9);
        float[] bias = withBias ? random(g.outChannels()) : null;
        // Unprepared weights, then prepared ones twice: the second call uses the cached transform.
        ConvWeights[] weights = {null, ConvWeights.of(w), null};
        weights[2] = weights[1];
        for (ConvWeights prepared : weights) {
            float[] y = new float[g.batch() * g.outChannels() * g.outPlane()];
            java.util.Arrays.fill(y, Float.NaN); // every output must be written
            for (int img = 0; img < g.batch(); img++) {
                Winograd.unit(g, v, x, img * g.channels() * g.inPlane(), w, 0, prepared, bias, null, y, img * g.outChannels() * g.outPlane());
            }
            check(g, x, w, bias, y, "F(" + v.m() + ") " + g + (prepared == null ? "" : ", prepared weights"));
        }
    }

    @Test
    void bothVariantsMatchADirectSumOnAwkwardShapes() {
        for (Winograd.Variant v : new Winograd.Variant[] {Winograd.F2, Winograd.F4}) {
            // Sizes that are not multiples of the tile, asymmetric and absent pads, a single tile, one channel.
            run(v, geometry(1, 3, 5, 9, 11, 1, 1, 1, 1), true);
            run(v, geometry(2, 8, 8, 7, 6, 0, 2, 1, 0), false);
            run(v, geometry(1, 1, 1, 3, 3, 0, 0, 0, 0), true);
            run(v, geometry(1, 16, 9, 17, 33, 1, 1, 1, 1), true);
            run(v, geometry(1, 4, 4, 2, 40, 1, 1, 1, 1), false);
            // Prepared weights with 128 input channels and 40 outputs: the 12-row tile, an edge tile of 4 rows.
            run(v, geometry(1, 128, 40, 9, 11, 1, 1, 1, 1), true);
        }
    }

    @Test
    void scalarAndVectorPathsAgree() {
        String old = System.getProperty("weft.vector");
        try {
            for (String mode : new String[] {"true", "false"}) {
                System.setProperty("weft.vector", mode);
                run(Winograd.F4, geometry(1, 12, 10, 13, 18, 1, 1, 1, 1), true);
                run(Winograd.F2, geometry(1, 12, 10, 13, 18, 1, 1, 1, 1), true);
            }
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    @Test
    void runsOnTheIntraOpPoolToo() {
        int before = IntraOp.threads();
        try {
            IntraOp.setThreads(2);
            run(Winograd.F4, geometry(1, 32, 32, 30, 30, 1, 1, 1, 1), true);
        } finally {
            IntraOp.setThreads(before);
        }
    }

    @Test
    void preparedWeightsAreCheckedAgainstTheGeometry() {
        ConvGeometry g = geometry(1, 8, 8, 10, 10, 1, 1, 1, 1);
        float[] x = random(8 * 100), y = new float[8 * 100];
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Conv.conv(g, x, ConvWeights.of(new float[8 * 8 * 9 - 1]), null, y, null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("575"), e.getMessage());
    }

    @Test
    void choosesByShape() {
        int nr = 32;
        assertSame(Winograd.F4, Winograd.choose(geometry(1, 64, 64, 56, 56, 1, 1, 1, 1), nr, true), "ResNet layer 1");
        assertSame(Winograd.F4, Winograd.choose(geometry(1, 64, 64, 56, 56, 1, 1, 1, 1), nr, false), "layer 1, raw weights");
        assertSame(Winograd.F2, Winograd.choose(geometry(1, 256, 256, 14, 14, 1, 1, 1, 1), nr, true), "ResNet layer 3");
        assertNull(Winograd.choose(geometry(1, 256, 256, 14, 14, 1, 1, 1, 1), nr, false),
                "layer 3 with raw weights: transforming them on every call does not pay");
        assertNull(Winograd.choose(geometry(1, 512, 512, 7, 7, 1, 1, 1, 1), nr, true), "ResNet layer 4: too few tiles");
        assertNull(Winograd.choose(geometry(1, 4, 64, 56, 56, 1, 1, 1, 1), nr, true), "too few input channels");
        ConvGeometry strided = ConvGeometry.of(1, 64, 64, 1, new int[] {56, 56}, new int[] {3, 3}, new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {28, 28});
        assertNull(Winograd.choose(strided, nr, true), "stride 2");
        assertEquals(6, Winograd.F4.alpha());
    }
}
