package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DepthwiseConvTest {
    private final Random rnd = new Random(11);

    /** The textbook definition in double precision, skipping taps in the zero padding. */
    private static float[] reference(ConvGeometry g, float[] x, float[] w, float[] bias, Clamp clamp) {
        int c = g.channels(), outH = g.outH(), outW = g.outW();
        float[] y = new float[g.batch() * c * g.outPlane()];
        for (int n = 0; n < g.batch(); n++) {
            for (int ch = 0; ch < c; ch++) {
                int xb = (n * c + ch) * g.inPlane(), yb = (n * c + ch) * g.outPlane();
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double acc = bias == null ? 0 : bias[ch];
                        for (int kh = 0; kh < g.kH(); kh++) {
                            for (int kw = 0; kw < g.kW(); kw++) {
                                int ih = oh * g.sH() - g.pH() + kh * g.dH(), iw = ow * g.sW() - g.pW() + kw * g.dW();
                                if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) continue;
                                acc += (double) w[(ch * g.kH() + kh) * g.kW() + kw] * x[xb + ih * g.inW() + iw];
                            }
                        }
                        y[yb + oh * outW + ow] = clamp.apply((float) acc);
                    }
                }
            }
        }
        return y;
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    private static float[] run(boolean vector, ConvGeometry g, float[] x, float[] w, float[] b, Clamp clamp) {
        return KernelPaths.with(vector, () -> {
            float[] y = new float[g.batch() * g.channels() * g.outPlane()];
            java.util.Arrays.fill(y, Float.NaN); // every output must be written
            Conv.conv(g, x, w, b, y, clamp);
            return y;
        });
    }

    /** Both paths against the reference, and against each other bit for bit; returns the geometry. */
    private ConvGeometry check(int n, int c, int inH, int inW, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                       boolean withBias, Clamp clamp) {
        int outH = KernelPaths.out(inH, kH, sH, pH, pH, dH), outW = KernelPaths.out(inW, kW, sW, pW, pW, dW);
        ConvGeometry g = ConvGeometry.of(n, c, c, c, new int[] {inH, inW}, new int[] {kH, kW}, new int[] {sH, sW},
                new int[] {pH, pW}, new int[] {dH, dW}, new int[] {outH, outW});
        float[] x = random(rnd, n * c * inH * inW), w = random(rnd, c * kH * kW), b = withBias ? random(rnd, c) : null;
        float[] expected = reference(g, x, w, b, clamp);
        float[] vec = run(true, g, x, w, b, clamp), sca = run(false, g, x, w, b, clamp);
        String what = g + " bias=" + withBias + " " + clamp;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], vec[i], 1e-5f * (kH * kW + 1), what + " vector path at " + i);
            assertEquals(Float.floatToIntBits(sca[i]), Float.floatToIntBits(vec[i]), what + " scalar vs vector at " + i);
        }
        return g;
    }

    @Test
    void mobileNetShapes() {
        Clamp relu6 = new Clamp(0f, 6f);
        check(1, 32, 112, 112, 3, 3, 1, 1, 1, 1, 1, 1, true, relu6);
        check(1, 8, 112, 112, 3, 3, 2, 2, 1, 1, 1, 1, true, relu6);
        check(1, 16, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1, false, Clamp.NONE);
        check(1, 20, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, true, Clamp.RELU);
        check(1, 4, 7, 7, 3, 3, 2, 2, 1, 1, 1, 1, true, relu6);
        check(2, 480, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, true, relu6); // narrow rows spilling, enough work for several threads
    }

    @Test
    void randomShapesStridesPadsDilationsKernels() {
        Clamp[] clamps = {Clamp.NONE, Clamp.RELU, new Clamp(0f, 6f), new Clamp(-0.25f, 0.5f)};
        for (int trial = 0; trial < 300; trial++) {
            int k = new int[] {1, 3, 5}[rnd.nextInt(3)], kH = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(5) : k;
            int s = 1 + rnd.nextInt(3), p = rnd.nextInt(3), d = rnd.nextInt(4) == 0 ? 2 : 1;
            int inH = 1 + rnd.nextInt(12), inW = 1 + rnd.nextInt(40);
            int pH = rnd.nextInt(3), pW = p;
            if (KernelPaths.out(inH, kH, s, pH, pH, d) == 0 || KernelPaths.out(inW, k, s, pW, pW, d) == 0) continue;
            check(1 + rnd.nextInt(2), 1 + rnd.nextInt(5), inH, inW, kH, k, s, rnd.nextBoolean() ? s : 1 + rnd.nextInt(3),
                    pH, pW, d, rnd.nextBoolean() ? d : 1, rnd.nextBoolean(), clamps[rnd.nextInt(clamps.length)]);
        }
    }

    @Test
    void edgeSizes() {
        check(1, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, true, Clamp.NONE);   // 1×1 plane, 1×1 kernel
        check(2, 3, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, true, Clamp.NONE);   // 1×1 plane, all but one tap in padding
        check(1, 2, 1, 37, 1, 3, 1, 1, 0, 1, 1, 1, true, Clamp.RELU);  // a 1-d row
        for (int w = 1; w <= 35; w++) check(1, 2, 3, w, 3, 3, 1 + w % 2, 1 + w % 3, 1, w % 3, 1, 1, w % 2 == 0, Clamp.NONE);
        check(1, 2, 9, 9, 3, 3, 3, 3, 2, 2, 2, 2, true, Clamp.NONE);   // pads as large as the kernel reach
        // 3×3 stride-1 pad-1 planes up to a vector wide, read straight from the input (but the first plane).
        for (int w = 1; w <= 17; w++) check(1 + w % 2, 5, 1 + w % 5, w, 3, 3, 1, 1, 1, 1, 1, 1, w % 3 != 0, new Clamp(-0.5f, 0.5f));
        // 3×3 stride-1 "same" planes of three vectors and more, read straight from the rows: every
        // split of a row into edge and interior runs, one- and two-row planes, first and last planes.
        for (int w = 46; w <= 68; w++) check(1 + w % 2, 3, 1 + w % 4, w, 3, 3, 1, 1, 1, 1, 1, 1, w % 3 != 0, new Clamp(-0.5f, 0.5f));
        // 3×3 stride-2 pad-1 planes of even size at least two vectors wide (outputs half the input):
        // the padding row and column come from zeros and a blend, first and last planes included.
        for (int w = 30; w <= 70; w += 2) check(1 + w % 3, 3, 2 + w % 8, w, 3, 3, 2, 2, 1, 1, 1, 1, w % 4 != 0, new Clamp(-0.5f, 0.5f));
    }

    /**
     * Small 3×3 planes taken a block of channels at a time ({@code VectorDepthwiseBlocks}): partial
     * last blocks, batches, both strides, no padding and wide padding, odd sizes, no bias.
     */
    @Test
    void channelBlocks() {
        Clamp relu6 = new Clamp(0f, 6f);
        ConvGeometry[] blocked = {
            check(1, 40, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, true, relu6),           // two blocks and half of one
            check(2, 24, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1, true, Clamp.NONE),   // batch of two, partial block
            check(1, 16, 14, 14, 3, 3, 2, 2, 1, 1, 1, 1, false, relu6),       // 14×14 → 7×7
            check(1, 20, 28, 28, 3, 3, 2, 2, 1, 1, 1, 1, true, Clamp.RELU),   // 28×28 → 14×14
            check(1, 17, 13, 13, 3, 3, 2, 2, 1, 1, 1, 1, true, relu6),        // odd input
            check(1, 16, 9, 9, 3, 3, 1, 1, 0, 0, 1, 1, true, Clamp.NONE),     // no padding
            check(1, 18, 5, 5, 3, 3, 1, 1, 2, 2, 1, 1, true, new Clamp(-0.5f, 0.5f)), // padding of two
            check(3, 9, 12, 12, 3, 3, 2, 2, 2, 2, 1, 1, false, relu6),        // fewer channels than lanes
        };
        if (VectorSupport.enabled() && VectorDepthwise.lanes() == 16) {
            for (ConvGeometry g : blocked) assertTrue(VectorDepthwiseBlocks.applies(g), g + " should take the channel blocks");
        }
    }

    @Test
    void clampSendsAZeroOnAZeroBoundToTheBound() {
        for (boolean vector : new boolean[] {true, false}) {
            ConvGeometry g = ConvGeometry.of(1, 1, 1, 1, new int[] {1, 20}, new int[] {1, 1}, new int[] {1, 1},
                    new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 20});
            float[] x = new float[20];
            x[4] = -0f;
            float[] y = run(vector, g, x, new float[] {1f}, null, Clamp.RELU);
            assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(y[4]), "relu(-0) is +0, vector=" + vector);
        }
    }

    @Test
    void clampKeepsNaNAndTheScalarPathAgrees() {
        ConvGeometry g = ConvGeometry.of(1, 1, 1, 1, new int[] {1, 20}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 20});
        float[] x = new float[20];
        for (int i = 0; i < 20; i++) x[i] = i - 10f;
        x[3] = Float.NaN;
        for (boolean vector : new boolean[] {true, false}) {
            float[] y = run(vector, g, x, new float[] {1f}, null, new Clamp(0f, 6f));
            assertTrue(Float.isNaN(y[3]), "clamp(NaN) stays NaN, vector=" + vector);
            assertEquals(0f, y[0]);
            assertEquals(6f, y[19]);
            assertEquals(5f, y[15]);
        }
    }

    @Test
    void clampOnOtherConvolutionsIsAPass() {
        ConvGeometry g = ConvGeometry.of(1, 2, 3, 1, new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {5, 5});
        float[] x = random(rnd, 50), w = random(rnd, 54);
        float[] plain = new float[75], clamped = new float[75];
        Conv.conv(g, x, w, null, plain);
        Conv.conv(g, x, w, null, clamped, Clamp.RELU);
        for (int i = 0; i < 75; i++) assertEquals(Math.max(plain[i], 0f), clamped[i], 0f);
    }

    @Test
    void badClampAndShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Clamp(1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Clamp(Float.NaN, 0f));
        ConvGeometry notDepthwise = ConvGeometry.of(1, 2, 4, 2, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1}, new int[] {3, 3});
        assertThrows(IllegalArgumentException.class,
                () -> DepthwiseConv.conv(notDepthwise, new float[18], new float[4], null, new float[36], null));
    }
}
