package dev.weft.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.parallel.IntraOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvolutionTest {
    private final Random rnd = new Random(7);

    static Tensor random(Random rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.FLOAT32, Shape.of(dims));
        float[] d = t.floatData();
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextFloat() * 2 - 1;
        return t;
    }

    /** Runs the body with the Vector API path and again with the scalar fallback. */
    static void bothPaths(Runnable body) {
        String old = System.getProperty("weft.vector");
        try {
            System.clearProperty("weft.vector");
            body.run();
            System.setProperty("weft.vector", "false");
            body.run();
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i), a = actual.getDouble(i);
            if (Math.abs(e - a) > tol * (1 + Math.abs(e))) {
                throw new AssertionError(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }

    private void checkRandom(int spatial) {
        int group = new int[] {1, 1, 2, 3}[rnd.nextInt(4)];
        int cg = 1 + rnd.nextInt(4), mg = 1 + rnd.nextInt(4);
        boolean depthwise = rnd.nextInt(4) == 0;
        if (depthwise) {
            group = 1 + rnd.nextInt(5);
            cg = 1;
            mg = 1;
        }
        int n = rnd.nextInt(3); // 0 included: an empty batch
        int[] xs = new int[spatial + 2], ws = new int[spatial + 2];
        int[] s = new int[spatial], d = new int[spatial], p = new int[2 * spatial], out = new int[spatial];
        xs[0] = n;
        xs[1] = cg * group;
        ws[0] = mg * group;
        ws[1] = cg;
        for (int a = 0; a < spatial; a++) {
            ws[a + 2] = 1 + rnd.nextInt(3);
            s[a] = 1 + rnd.nextInt(2);
            d[a] = 1 + rnd.nextInt(2);
            p[a] = rnd.nextInt(2);
            p[a + spatial] = rnd.nextInt(3);
            int span = d[a] * (ws[a + 2] - 1) + 1;
            xs[a + 2] = Math.max(span - p[a] - p[a + spatial], 0) + rnd.nextInt(spatial == 1 ? 40 : 9);
            out[a] = (xs[a + 2] + p[a] + p[a + spatial] - span) / s[a] + 1;
        }
        Tensor x = random(rnd, xs), w = random(rnd, ws);
        Tensor b = rnd.nextBoolean() ? random(rnd, ws[0]) : null;
        ConvParams params = ConvParams.defaults().withStrides(s).withPads(p).withDilations(d).withGroup(group);
        Tensor expected = NdReference.conv(x, w, b, s, p, d, group, out);
        String what = "conv x" + x.shape() + " w" + w.shape() + " " + params;
        bothPaths(() -> assertClose(expected, Convolution.conv(x, w, b, params), 1e-4, what));
    }

    @Test
    void random1d2d3dShapesGroupsDepthwiseStridesPadsDilations() {
        for (int trial = 0; trial < 60; trial++) checkRandom(2);
        for (int trial = 0; trial < 25; trial++) checkRandom(1);
        for (int trial = 0; trial < 20; trial++) checkRandom(3);
    }

    @Test
    void resnetLikeShapesPointwiseStridedAndParallel() {
        int before = IntraOp.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                IntraOp.setThreads(threads);
                int[][] cases = { // C, H, M, k, stride, pad
                        {3, 30, 8, 7, 2, 3}, {16, 14, 16, 3, 1, 1}, {16, 14, 32, 3, 2, 1}, {16, 14, 32, 1, 2, 0},
                        {16, 9, 24, 1, 1, 0}, {24, 7, 24, 3, 1, 1}, {8, 40, 12, 3, 1, 1}, {5, 41, 7, 5, 2, 2}};
                for (int[] c : cases) {
                    Tensor x = random(rnd, 2, c[0], c[1], c[1] + 1), w = random(rnd, c[2], c[0], c[3], c[3]);
                    Tensor b = random(rnd, c[2]);
                    int[] s = {c[4], c[4]}, pads = {c[5], c[5], c[5], c[5]}, d = {1, 1};
                    int[] out = {(c[1] + 2 * c[5] - c[3]) / c[4] + 1, (c[1] + 1 + 2 * c[5] - c[3]) / c[4] + 1};
                    ConvParams p = ConvParams.defaults().withKernelShape(c[3], c[3]).withStrides(s).withPads(pads);
                    Tensor expected = NdReference.conv(x, w, b, s, pads, d, 1, out);
                    bothPaths(() -> assertClose(expected, Convolution.conv(x, w, b, p), 1e-4, "case " + java.util.Arrays.toString(c)));
                }
            }
        } finally {
            IntraOp.setThreads(before);
        }
    }

    @Test
    void acceptsNonContiguousViewsAndOtherDtypes() {
        Tensor base = random(rnd, 1, 5, 6, 4);
        Tensor x = base.transpose(0, 1, 3, 2); // [1, 5, 4, 6], strided
        Tensor w = random(rnd, 3, 5, 2, 2);
        int[] one = {1, 1}, zero = {0, 0, 0, 0};
        Tensor expected = NdReference.conv(x, w, null, one, zero, one, 1, new int[] {3, 5});
        assertClose(expected, Convolution.conv(x, w, null, ConvParams.defaults()), 1e-5, "strided view");

        Tensor x64 = x.castTo(DType.FLOAT64), w64 = w.castTo(DType.FLOAT64);
        Tensor y64 = Convolution.conv(x64, w64, null, ConvParams.defaults());
        assertEquals(DType.FLOAT64, y64.dtype());
        assertClose(expected, y64, 1e-12, "float64");

        Tensor y16 = Convolution.conv(x.castTo(DType.FLOAT16), w.castTo(DType.FLOAT16), null, ConvParams.defaults());
        assertEquals(DType.FLOAT16, y16.dtype());
        assertClose(expected, y16, 2e-2, "float16");
    }

    @Test
    void depthOfOneWithLeadingDepthPaddingIsNotTakenForTwoD() {
        // Output depth 1 whose only window sits in the leading pad: every output is the bias.
        for (int group : new int[] {1, 2}) {
            Tensor x = random(rnd, 1, 2, 1, 5, 5), w = random(rnd, 2, 2 / group, 1, 3, 3), b = random(rnd, 2);
            int[] s = {2, 1, 1}, p = {1, 1, 1, 0, 1, 1}, d = {1, 1, 1};
            Tensor expected = NdReference.conv(x, w, b, s, p, d, group, new int[] {1, 5, 5});
            ConvParams params = ConvParams.defaults().withStrides(s).withPads(p).withGroup(group);
            assertClose(expected, Convolution.conv(x, w, b, params), 1e-5, "group " + group);
        }
    }

    @Test
    void zeroInputChannelsGiveTheBias() {
        Tensor x = Tensor.zeros(DType.FLOAT32, Shape.of(1, 0, 3, 3));
        Tensor w = Tensor.zeros(DType.FLOAT32, Shape.of(2, 0, 1, 1));
        Tensor b = Tensor.of(new float[] {1.5f, -2f}, 2);
        Tensor y = Convolution.conv(x, w, b, ConvParams.defaults());
        assertEquals(Shape.of(1, 2, 3, 3), y.shape());
        assertEquals(1.5, y.getDouble(0));
        assertEquals(-2.0, y.getDouble(17));
    }

    @Test
    void autoPadsFollowOnnx() {
        assertArrayEquals(new int[] {1, 1, 1, 1}, ConvParams.autoPads("SAME_UPPER", new int[] {5, 5}, new int[] {3, 3}, null, null, null));
        assertArrayEquals(new int[] {0, 1}, ConvParams.autoPads("SAME_UPPER", new int[] {6}, new int[] {3}, new int[] {2}, null, null));
        assertArrayEquals(new int[] {1, 0}, ConvParams.autoPads("SAME_LOWER", new int[] {6}, new int[] {3}, new int[] {2}, null, null));
        assertArrayEquals(new int[] {0, 0}, ConvParams.autoPads("VALID", new int[] {6}, new int[] {3}, null, null, null));
    }

    @Test
    void badInputIsRefusedWithBothShapes() {
        Tensor x = random(rnd, 1, 4, 8, 8);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 6, 3, 3, 3), null, ConvParams.defaults()));
        assertTrue(e.getMessage().contains("[1, 4, 8, 8]") && e.getMessage().contains("[6, 3, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 6, 4, 3, 3), random(rnd, 5), ConvParams.defaults()));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 6, 4, 9, 9), null, ConvParams.defaults()));
        assertTrue(e.getMessage().contains("spans 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 6, 4, 3, 3), null, ConvParams.defaults().withStrides(0, 1)));
        assertTrue(e.getMessage().contains("strides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 6, 2, 3, 3), null, ConvParams.defaults().withGroup(2).withPads(1, 1)));
        assertTrue(e.getMessage().contains("pads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, random(rnd, 5, 2, 3, 3), null, ConvParams.defaults().withGroup(2)));
        assertTrue(e.getMessage().contains("divisible"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x.castTo(DType.INT32), random(rnd, 6, 4, 3, 3), null, ConvParams.defaults()));
        assertTrue(e.getMessage().contains("dtype"), e.getMessage());
    }
    /** convInto writes exactly conv's output into its channels of a larger tensor and nothing else. */
    @Test
    void convIntoFillsItsChannelsOnly() {
        bothPaths(() -> {
            for (boolean prepared : new boolean[] {true, false}) {
                for (int k : new int[] {1, 3}) {
                    Tensor x = random(rnd, 2, 4, 9, 11), w = random(rnd, 5, 4, k, k), b = random(rnd, 5);
                    ConvParams p = ConvParams.defaults().withPads(k / 2, k / 2, k / 2, k / 2);
                    Tensor alone = Convolution.conv(x, w, b, p, dev.weft.tensor.kernel.Clamp.RELU);
                    Tensor out = Tensor.full(DType.FLOAT32, Shape.of(2, 8, 9, 11), -7);
                    Convolution.convInto(x, w, prepared ? Convolution.prepare(w) : null, b, p, dev.weft.tensor.kernel.Clamp.RELU, out, 2);
                    assertEquals(Shape.of(2, 5, 9, 11), Convolution.outputShape(x, w, p));
                    for (int n = 0; n < 2; n++) {
                        for (int c = 0; c < 8; c++) {
                            for (int i = 0; i < 99; i++) {
                                float got = out.floatData()[(n * 8 + c) * 99 + i];
                                float want = c >= 2 && c < 7 ? alone.floatData()[(n * 5 + c - 2) * 99 + i] : -7f;
                                assertEquals(want, got, 0f, "image " + n + ", channel " + c + ", k " + k + ", prepared " + prepared);
                            }
                        }
                    }
                }
            }
        });
        Tensor x = random(rnd, 1, 4, 6, 6), w = random(rnd, 5, 4, 3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Convolution.convInto(x, w, null, null, ConvParams.defaults(), null,
                Tensor.zeros(DType.FLOAT32, Shape.of(1, 8, 4, 4)), 4));
        assertTrue(e.getMessage().contains("does not fit at channel 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.convInto(x, w, null, null, ConvParams.defaults(), null,
                Tensor.zeros(DType.FLOAT32, Shape.of(1, 8, 4, 5)), 0));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
}
