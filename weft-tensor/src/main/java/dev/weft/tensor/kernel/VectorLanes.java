package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on the preferred vector species. For one vector of lanes, every source row (at most
 * {@link #MAX_COLS}) is loaded once into a register and each output row is a straight chain of
 * multiply-adds. Rows are processed in whole vectors (see {@link Lanes#WIDTH}), so no mask is
 * needed. Loaded only when the module is present.
 *
 * <p>Implementation note: the source registers are named locals and the chain is written out, with
 * no loop over sources: C2 keeps vectors in registers only when no loop carries them, and the
 * {@code cols > i} tests are loop-invariant. Zero coefficients cost a multiply-add here, which is
 * cheaper than a branch per term.
 */
final class VectorLanes extends Lanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MAX_COLS = 6;
    private static final int[] BY2 = multiples(2), BY4 = multiples(4);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f), FOUR = FloatVector.broadcast(S, 4f);
    private static final FloatVector FIVE = FloatVector.broadcast(S, 5f), EIGHT = FloatVector.broadcast(S, 8f);

    /** True when whole vectors tile {@link Lanes#WIDTH}-padded rows: the preferred width divides it. */
    static boolean fits() { return L <= WIDTH && WIDTH % L == 0; }

    @Override
    void combine(float[] coef, int rows, int cols, float[] src, int sBase, int sA, int sB, int m,
                 float[] dst, int dBase, int dStride, int n) {
        if (cols > MAX_COLS) throw new IllegalArgumentException("combine takes at most " + MAX_COLS + " source rows, got " + cols);
        int mask = m - 1, shift = Integer.numberOfTrailingZeros(m);
        int o0 = sBase, o1 = off(1, sBase, sA, sB, mask, shift), o2 = off(2, sBase, sA, sB, mask, shift);
        int o3 = off(3, sBase, sA, sB, mask, shift), o4 = off(4, sBase, sA, sB, mask, shift), o5 = off(5, sBase, sA, sB, mask, shift);
        int np = padded(n); // a multiple of L, which divides WIDTH
        for (int k = 0; k < np; k += L) {
            FloatVector zero = FloatVector.zero(S);
            FloatVector x0 = FloatVector.fromArray(S, src, o0 + k);
            FloatVector x1 = cols > 1 ? FloatVector.fromArray(S, src, o1 + k) : zero;
            FloatVector x2 = cols > 2 ? FloatVector.fromArray(S, src, o2 + k) : zero;
            FloatVector x3 = cols > 3 ? FloatVector.fromArray(S, src, o3 + k) : zero;
            FloatVector x4 = cols > 4 ? FloatVector.fromArray(S, src, o4 + k) : zero;
            FloatVector x5 = cols > 5 ? FloatVector.fromArray(S, src, o5 + k) : zero;
            for (int r = 0; r < rows; r++) {
                int cb = r * cols;
                FloatVector acc = x0.mul(coef[cb]);
                if (cols > 1) acc = x1.fma(FloatVector.broadcast(S, coef[cb + 1]), acc);
                if (cols > 2) acc = x2.fma(FloatVector.broadcast(S, coef[cb + 2]), acc);
                if (cols > 3) acc = x3.fma(FloatVector.broadcast(S, coef[cb + 3]), acc);
                if (cols > 4) acc = x4.fma(FloatVector.broadcast(S, coef[cb + 4]), acc);
                if (cols > 5) acc = x5.fma(FloatVector.broadcast(S, coef[cb + 5]), acc);
                acc.intoArray(dst, dBase + r * dStride + k);
            }
        }
    }

    /**
     * Bᵀ with the shared sums written out: F(4×4) needs 14 vector operations per column of six
     * instead of 36 multiply-adds, F(2×2) four.
     */
    @Override
    void inputTransform(Winograd.Variant v, float[] src, int sBase, int sA, int sB, int m,
                        float[] dst, int dBase, int dStride, int n) {
        int mask = m - 1, shift = Integer.numberOfTrailingZeros(m);
        int np = padded(n);
        if (v.m() == 4) {
            int o0 = sBase, o1 = off(1, sBase, sA, sB, mask, shift), o2 = off(2, sBase, sA, sB, mask, shift);
            int o3 = off(3, sBase, sA, sB, mask, shift), o4 = off(4, sBase, sA, sB, mask, shift), o5 = off(5, sBase, sA, sB, mask, shift);
            for (int k = 0; k < np; k += L) {
                FloatVector d0 = FloatVector.fromArray(S, src, o0 + k), d1 = FloatVector.fromArray(S, src, o1 + k);
                FloatVector d2 = FloatVector.fromArray(S, src, o2 + k), d3 = FloatVector.fromArray(S, src, o3 + k);
                FloatVector d4 = FloatVector.fromArray(S, src, o4 + k), d5 = FloatVector.fromArray(S, src, o5 + k);
                FloatVector s12 = d1.add(d2), s34 = d3.add(d4), d12 = d1.sub(d2), d43 = d4.sub(d3);
                FloatVector d42 = d4.sub(d2), d31 = d3.sub(d1);
                d0.fma(FOUR, d4).sub(d2.mul(FIVE)).intoArray(dst, dBase + k);
                s34.sub(s12.mul(FOUR)).intoArray(dst, dBase + dStride + k);
                d12.fma(FOUR, d43).intoArray(dst, dBase + 2 * dStride + k);
                d31.fma(TWO, d42).intoArray(dst, dBase + 3 * dStride + k);
                d42.sub(d31.mul(TWO)).intoArray(dst, dBase + 4 * dStride + k);
                d1.fma(FOUR, d5).sub(d3.mul(FIVE)).intoArray(dst, dBase + 5 * dStride + k);
            }
        } else if (v.m() == 2) {
            int o0 = sBase, o1 = off(1, sBase, sA, sB, mask, shift), o2 = off(2, sBase, sA, sB, mask, shift);
            int o3 = off(3, sBase, sA, sB, mask, shift);
            for (int k = 0; k < np; k += L) {
                FloatVector d0 = FloatVector.fromArray(S, src, o0 + k), d1 = FloatVector.fromArray(S, src, o1 + k);
                FloatVector d2 = FloatVector.fromArray(S, src, o2 + k), d3 = FloatVector.fromArray(S, src, o3 + k);
                d0.sub(d2).intoArray(dst, dBase + k);
                d1.add(d2).intoArray(dst, dBase + dStride + k);
                d2.sub(d1).intoArray(dst, dBase + 2 * dStride + k);
                d1.sub(d3).intoArray(dst, dBase + 3 * dStride + k);
            }
        } else {
            super.inputTransform(v, src, sBase, sA, sB, m, dst, dBase, dStride, n);
        }
    }

    /** Aᵀ with the shared sums written out (F(4×4): 10 operations per column instead of 24 multiply-adds). */
    @Override
    void outputTransform(Winograd.Variant v, float[] src, int sBase, int sStride, float[] dst, int dBase, int dStride, int n) {
        int np = padded(n);
        if (v.m() == 4) {
            for (int k = 0; k < np; k += L) {
                int s = sBase + k;
                FloatVector m0 = FloatVector.fromArray(S, src, s), m1 = FloatVector.fromArray(S, src, s + sStride);
                FloatVector m2 = FloatVector.fromArray(S, src, s + 2 * sStride), m3 = FloatVector.fromArray(S, src, s + 3 * sStride);
                FloatVector m4 = FloatVector.fromArray(S, src, s + 4 * sStride), m5 = FloatVector.fromArray(S, src, s + 5 * sStride);
                FloatVector a = m1.add(m2), b = m1.sub(m2), c = m3.add(m4), d = m3.sub(m4);
                m0.add(a).add(c).intoArray(dst, dBase + k);
                d.fma(TWO, b).intoArray(dst, dBase + dStride + k);
                c.fma(FOUR, a).intoArray(dst, dBase + 2 * dStride + k);
                d.fma(EIGHT, b).add(m5).intoArray(dst, dBase + 3 * dStride + k);
            }
        } else if (v.m() == 2) {
            for (int k = 0; k < np; k += L) {
                int s = sBase + k;
                FloatVector m0 = FloatVector.fromArray(S, src, s), m1 = FloatVector.fromArray(S, src, s + sStride);
                FloatVector m2 = FloatVector.fromArray(S, src, s + 2 * sStride), m3 = FloatVector.fromArray(S, src, s + 3 * sStride);
                m0.add(m1).add(m2).intoArray(dst, dBase + k);
                m1.sub(m2).sub(m3).intoArray(dst, dBase + dStride + k);
            }
        } else {
            super.outputTransform(v, src, sBase, sStride, dst, dBase, dStride, n);
        }
    }

    /** Strides 2 and 4 (Winograd's phase splits) use the CPU's gather; others the scalar loop. */
    @Override
    void gather(float[] src, int s, int stride, float[] dst, int d, int n) {
        int[] map = stride == 2 ? BY2 : stride == 4 ? BY4 : null;
        int i = 0;
        if (map != null) {
            for (int up = S.loopBound(n); i < up; i += L) FloatVector.fromArray(S, src, s + i * stride, map, 0).intoArray(dst, d + i);
        }
        for (; i < n; i++) dst[d + i] = src[s + i * stride];
    }

    @Override
    void scatter(float[] src, int s, float add, float[] dst, int d, int stride, int n) {
        int[] map = stride == 2 ? BY2 : stride == 4 ? BY4 : null;
        int i = 0;
        if (map != null) {
            FloatVector a = FloatVector.broadcast(S, add);
            for (int up = S.loopBound(n); i < up; i += L) FloatVector.fromArray(S, src, s + i).add(a).intoArray(dst, d + i * stride, map, 0);
        }
        for (; i < n; i++) dst[d + i * stride] = src[s + i] + add;
    }

    private static int[] multiples(int step) {
        int[] m = new int[L];
        for (int i = 0; i < L; i++) m[i] = i * step;
        return m;
    }

    private static int off(int c, int base, int sA, int sB, int mask, int shift) {
        return base + (c & mask) * sA + (c >> shift) * sB;
    }
}
