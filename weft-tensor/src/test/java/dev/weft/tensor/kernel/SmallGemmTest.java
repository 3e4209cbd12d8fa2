package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** SmallGemm on both paths against a double-precision triple loop, over strided operands. */
class SmallGemmTest {
    private final Random rnd = new Random(7);

    /** Sizes around the vector widths (8 and 16 lanes) and the 4-row tile, plus attention's 64×64×32. */
    private static final int[][] SIZES = {
        {1, 1, 1}, {3, 5, 2}, {4, 16, 7}, {5, 17, 3}, {7, 33, 9}, {8, 32, 1}, {13, 47, 31},
        {64, 64, 32}, {64, 32, 64}, {2, 100, 0}, {9, 8, 16}, {4, 31, 5},
    };

    @Test
    void matchesTheReferenceOnBothPathsForEveryLayout() {
        for (int[] s : SIZES) {
            int m = s[0], n = s[1], k = s[2];
            for (int layout = 0; layout < 4; layout++) {
                boolean aT = (layout & 1) != 0, bT = (layout & 2) != 0;
                for (boolean vector : new boolean[] {true, false}) check(m, n, k, aT, bT, vector, 1f);
            }
            check(m, n, k, false, true, true, 0.25f);
            check(m, n, k, true, false, false, -3f);
        }
    }

    /** A B with neither unit stride (every other column of a wider matrix, rows spaced out). */
    @Test
    void copiesAnOddlyStridedBFirst() {
        for (boolean vector : new boolean[] {true, false}) {
            int m = 6, n = 19, k = 11, brs = 3 * n + 1, bcs = 2;
            float[] a = random(m * k), b = random(k * brs + 1), c = new float[m * n];
            KernelPaths.with(vector, () -> {
                SmallGemm.multiply(m, n, k, 1f, a, 0, k, 1, b, 1, brs, bcs, c, 0, n);
                return null;
            });
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int p = 0; p < k; p++) e += (double) a[i * k + p] * b[1 + p * brs + j * bcs];
                    assertEquals(e, c[i * n + j], 1e-5, "C(" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void refusesNegativeSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> SmallGemm.multiply(-1, 2, 2, 1f, new float[4], 0, 2, 1, new float[4], 0, 2, 1, new float[4], 0, 2));
        assertTrue(SmallGemm.suits(64, 64, 32));
    }

    private void check(int m, int n, int k, boolean aT, boolean bT, boolean vector, float alpha) {
        // Stored matrices get padded rows and an offset, so the strides are not the logical sizes.
        int aOff = rnd.nextInt(3), bOff = rnd.nextInt(3), cOff = rnd.nextInt(3), pad = 1 + rnd.nextInt(3);
        int lda = (aT ? m : k) + pad, ldb = (bT ? k : n) + pad, ldc = n + pad;
        float[] a = random(aOff + lda * Math.max(aT ? k : m, 1));
        float[] b = random(bOff + ldb * Math.max(bT ? n : k, 1));
        float[] c = new float[cOff + ldc * Math.max(m, 1)];
        java.util.Arrays.fill(c, Float.NaN); // C is overwritten, old NaN included
        int ars = aT ? 1 : lda, acs = aT ? lda : 1, brs = bT ? 1 : ldb, bcs = bT ? ldb : 1;
        KernelPaths.with(vector, () -> {
            SmallGemm.multiply(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc);
            return null;
        });
        String what = m + "x" + n + "x" + k + (aT ? " Aᵀ" : "") + (bT ? " Bᵀ" : "") + (vector ? " vector" : " scalar");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double e = 0;
                for (int p = 0; p < k; p++) e += (double) a[aOff + i * ars + p * acs] * b[bOff + p * brs + j * bcs];
                e *= alpha;
                assertEquals(e, c[cOff + i * ldc + j], 1e-5 * (1 + Math.abs(e)) + 1e-5 * k, what + " C(" + i + "," + j + ")");
            }
            for (int j = n; j < ldc && cOff + i * ldc + j < c.length; j++) {
                assertTrue(Float.isNaN(c[cOff + i * ldc + j]), what + ": wrote past row " + i);
            }
        }
    }

    private float[] random(int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = rnd.nextFloat() * 2 - 1;
        return x;
    }
}
