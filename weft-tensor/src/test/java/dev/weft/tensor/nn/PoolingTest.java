package dev.weft.tensor.nn;

import static dev.weft.tensor.nn.ConvolutionTest.assertClose;
import static dev.weft.tensor.nn.ConvolutionTest.bothPaths;
import static dev.weft.tensor.nn.ConvolutionTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private final Random rnd = new Random(11);

    private void checkRandom(int spatial) {
        int[] xs = new int[spatial + 2], k = new int[spatial], s = new int[spatial], d = new int[spatial];
        int[] p = new int[2 * spatial], out = new int[spatial];
        boolean ceil = rnd.nextBoolean();
        xs[0] = rnd.nextInt(3);
        xs[1] = 1 + rnd.nextInt(3);
        for (int a = 0; a < spatial; a++) {
            k[a] = 1 + rnd.nextInt(3);
            s[a] = 1 + rnd.nextInt(3);
            d[a] = 1 + rnd.nextInt(2);
            p[a] = rnd.nextInt(k[a]);           // ONNX wants pads smaller than the kernel
            p[a + spatial] = rnd.nextInt(k[a]);
            int span = d[a] * (k[a] - 1) + 1;
            xs[a + 2] = Math.max(1, span - p[a] - p[a + spatial]) + rnd.nextInt(spatial == 1 ? 30 : 8);
            int room = xs[a + 2] + p[a] + p[a + spatial] - span;
            out[a] = ceil ? (room + s[a] - 1) / s[a] + 1 : room / s[a] + 1;
            if (ceil && (out[a] - 1) * s[a] >= xs[a + 2] + p[a]) out[a]--;
        }
        Tensor x = random(rnd, xs);
        PoolParams params = PoolParams.of(k).withStrides(s).withPads(p).withDilations(d).withCeilMode(ceil);
        int[] pb = Arrays.copyOfRange(p, 0, spatial), pe = Arrays.copyOfRange(p, spatial, 2 * spatial);
        String what = "x" + x.shape() + " " + params;
        for (int order = 0; order < 2; order++) {
            Tensor[] ref = NdReference.pool(x, 0, k, s, pb, pe, d, out, order);
            int o = order;
            bothPaths(() -> {
                Pooling.MaxPoolResult r = Pooling.maxPool(x, params, true, o);
                assertClose(ref[0], r.values(), 0, "max " + what);
                assertEquals(Arrays.toString(ref[1].toLongArray()), Arrays.toString(r.indices().toLongArray()),
                        "indices (order " + o + ") " + what);
            });
            Pooling.MaxPoolResult r64 = Pooling.maxPool(x.castTo(DType.FLOAT64), params, true, o);
            assertClose(ref[0], r64.values(), 0, "max float64 " + what);
            assertEquals(Arrays.toString(ref[1].toLongArray()), Arrays.toString(r64.indices().toLongArray()), "float64 " + what);
        }
        for (int kind = 1; kind <= 2; kind++) {
            Tensor ref = NdReference.pool(x, kind, k, s, pb, pe, d, out, 0)[0];
            boolean include = kind == 2;
            bothPaths(() -> assertClose(ref, Pooling.averagePool(x, params, include), 1e-5, "avg include=" + include + " " + what));
            assertClose(ref, Pooling.averagePool(x.castTo(DType.FLOAT64), params, include), 1e-12, "avg float64 " + what);
        }
    }

    @Test
    void randomWindowsAllModes() {
        for (int t = 0; t < 60; t++) checkRandom(2);
        for (int t = 0; t < 25; t++) checkRandom(1);
        for (int t = 0; t < 20; t++) checkRandom(3);
    }

    @Test
    void resnetStemMaxPool() {
        Tensor x = random(rnd, 1, 4, 112, 112);
        PoolParams p = PoolParams.of(3, 3).withStrides(2, 2).withPads(1, 1, 1, 1);
        Tensor y = Pooling.maxPool(x, p);
        assertEquals(Shape.of(1, 4, 56, 56), y.shape());
        Tensor ref = NdReference.pool(x, 0, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {56, 56}, 0)[0];
        assertClose(ref, y, 0, "stem maxpool");
    }

    @Test
    void globalPoolsOverStridedViews() {
        Tensor x = random(rnd, 2, 3, 5, 7).transpose(0, 1, 3, 2);
        Tensor avg = Pooling.globalAverage(x), max = Pooling.globalMax(x);
        assertEquals(Shape.of(2, 3, 1, 1), avg.shape());
        for (int u = 0; u < 6; u++) {
            double s = 0, m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 35; i++) {
                double v = x.getDouble(u * 35 + i);
                s += v;
                m = Math.max(m, v);
            }
            assertEquals(s / 35, avg.getDouble(u), 1e-6);
            assertEquals(m, max.getDouble(u), 0);
        }
        Tensor a64 = Pooling.globalAverage(x.castTo(DType.FLOAT64));
        assertEquals(DType.FLOAT64, a64.dtype());
        assertEquals(avg.getDouble(3), a64.getDouble(3), 1e-6);
    }

    @Test
    void badInputIsRefused() {
        Tensor x = random(rnd, 1, 2, 4, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(x, PoolParams.of(3)));
        assertTrue(e.getMessage().contains("[1, 2, 4, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(x, PoolParams.of(5, 5)));
        assertTrue(e.getMessage().contains("spans 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.averagePool(x, PoolParams.of(2, 2).withStrides(-1, 1), false));
        assertTrue(e.getMessage().contains("strides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.globalMax(Tensor.of(new float[] {1}, 1)));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
    }
}
