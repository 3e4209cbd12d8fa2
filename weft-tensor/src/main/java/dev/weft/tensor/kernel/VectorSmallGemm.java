package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link SmallGemm} for a row-contiguous B: tiles of 4 rows by two vectors
 * of C (8 accumulators), then 4 rows by one vector, then single rows; columns left over after whole
 * vectors, and rows after whole tiles, go to the scalar twin. Loaded only when the module is present.
 *
 * <p>Implementation note: each tile is its own method with named accumulators and its stores
 * written out, so that C2 keeps the accumulators in registers.
 */
final class VectorSmallGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorSmallGemm() {}

    static void multiply(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                         float[] b, int bOff, int brs, float[] c, int cOff, int ldc) {
        int nv = n / L * L, m4 = m / 4 * 4;
        for (int i = 0; i < m4; i += 4) {
            int ai = aOff + i * ars, ci = cOff + i * ldc;
            int j = 0;
            for (; j + 2 * L <= nv; j += 2 * L) tile4x2(k, alpha, a, ai, ars, acs, b, bOff + j, brs, c, ci + j, ldc);
            if (j < nv) tile4x1(k, alpha, a, ai, ars, acs, b, bOff + j, brs, c, ci + j, ldc);
        }
        for (int i = m4; i < m; i++) {
            int ai = aOff + i * ars, ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) tile1x1(k, alpha, a, ai, acs, b, bOff + j, brs, c, ci + j);
        }
        if (nv < n) SmallGemm.scalar(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, c, cOff, ldc, 0, nv);
    }

    private static void tile4x2(int k, float alpha, float[] a, int ai, int ars, int acs,
                                float[] b, int bp, int brs, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars;
        for (int p = 0; p < k; p++, bp += brs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int q = p * acs;
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + q]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + q]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + q]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
        }
        c00.mul(alpha).intoArray(c, ci);
        c01.mul(alpha).intoArray(c, ci + L);
        c10.mul(alpha).intoArray(c, ci + ldc);
        c11.mul(alpha).intoArray(c, ci + ldc + L);
        c20.mul(alpha).intoArray(c, ci + 2 * ldc);
        c21.mul(alpha).intoArray(c, ci + 2 * ldc + L);
        c30.mul(alpha).intoArray(c, ci + 3 * ldc);
        c31.mul(alpha).intoArray(c, ci + 3 * ldc + L);
    }

    private static void tile4x1(int k, float alpha, float[] a, int ai, int ars, int acs,
                                float[] b, int bp, int brs, float[] c, int ci, int ldc) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars;
        for (int p = 0; p < k; p++, bp += brs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            int q = p * acs;
            c0 = FloatVector.broadcast(S, a[a0 + q]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + q]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + q]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + q]).fma(b0, c3);
        }
        c0.mul(alpha).intoArray(c, ci);
        c1.mul(alpha).intoArray(c, ci + ldc);
        c2.mul(alpha).intoArray(c, ci + 2 * ldc);
        c3.mul(alpha).intoArray(c, ci + 3 * ldc);
    }

    private static void tile1x1(int k, float alpha, float[] a, int ai, int acs, float[] b, int bp, int brs, float[] c, int ci) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < k; p++, bp += brs) {
            acc = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bp), acc);
        }
        acc.mul(alpha).intoArray(c, ci);
    }
}
