package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row phase split and merge ({@link Lanes#unzip}, {@link Lanes#zip}) with vectors against the
 * scalar loops: every place written, nothing else touched, ranges that start and end inside a
 * vector, rows at the very start and end of their arrays.
 */
class LanesTest {
    private final Random rnd = new Random(11);

    @Test
    void vectorUnzipWritesWhatTheScalarOneWrites() {
        Lanes vector = Lanes.current(), scalar = Lanes.scalar();
        for (int trial = 0; trial < 3000; trial++) {
            int m = rnd.nextBoolean() ? 2 : 4;
            int to = 1 + rnd.nextInt(150), from = rnd.nextInt(to + 1);
            // s may lie before the array's start: only places from `from` on are read.
            int s = rnd.nextInt(5) - Math.min(from, 2);
            float[] src = random(s + to + rnd.nextInt(3));
            int dStride = (to + m - 1) / m + rnd.nextInt(4);
            int d = rnd.nextInt(4);
            int dLen = d + (m - 1) * dStride + (to + m - 1) / m + rnd.nextInt(3);
            float[] a = filled(dLen), b = filled(dLen);
            vector.unzip(m, src, s, a, d, dStride, from, to);
            scalar.unzip(m, src, s, b, d, dStride, from, to);
            assertEquals(Arrays.toString(b), Arrays.toString(a), "unzip m=" + m + " s=" + s + " [" + from + ", " + to + ") d=" + d + " stride " + dStride);
        }
    }

    @Test
    void vectorZipWritesWhatTheScalarOneWrites() {
        Lanes vector = Lanes.current(), scalar = Lanes.scalar();
        for (int trial = 0; trial < 3000; trial++) {
            int m = rnd.nextBoolean() ? 2 : 4;
            int len = rnd.nextInt(150);
            int sStride = (len + m - 1) / m + rnd.nextInt(4), s = rnd.nextInt(4);
            float[] src = random(s + (m - 1) * sStride + (len + m - 1) / m + rnd.nextInt(3));
            int d = rnd.nextInt(4);
            float[] a = filled(d + len + rnd.nextInt(3)), b = filled(a.length);
            float add = rnd.nextFloat();
            vector.zip(m, src, s, sStride, add, a, d, len);
            scalar.zip(m, src, s, sStride, add, b, d, len);
            assertEquals(Arrays.toString(b), Arrays.toString(a), "zip m=" + m + " len " + len + " d=" + d + " stride " + sStride);
        }
    }

    private float[] random(int n) {
        float[] a = new float[Math.max(0, n)];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        return a;
    }

    /** A marker value in every place, so that a write outside the range shows. */
    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, -7f);
        return a;
    }
}
