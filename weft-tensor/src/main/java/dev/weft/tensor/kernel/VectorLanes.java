package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
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
    private static final long FULL = L == 64 ? -1L : (1L << L) - 1;
    /** log2 of a chunk of 2·L and of 4·L floats (L is a power of two). */
    private static final int SHIFT2 = Integer.numberOfTrailingZeros(2 * L), SHIFT4 = Integer.numberOfTrailingZeros(4 * L);
    private static final IntVector EVEN = VectorPhasePlanes.EVEN, ODD = VectorPhasePlanes.ODD;
    /** Lane indexes into two concatenated vectors p, q: p0 q0 p1 q1 ... from their low halves, then from their high halves. */
    private static final IntVector ZIP_LO = zipIndexes(0), ZIP_HI = zipIndexes(L / 2);
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

    /** Strides 2 and 4 use the CPU's gather; others the scalar loop. */
    @Override
    void gather(float[] src, int s, int stride, float[] dst, int d, int n) {
        int[] map = stride == 2 ? BY2 : stride == 4 ? BY4 : null;
        int i = 0;
        if (map != null) {
            for (int up = S.loopBound(n); i < up; i += L) FloatVector.fromArray(S, src, s + i * stride, map, 0).intoArray(dst, d + i);
        }
        for (; i < n; i++) dst[d + i] = src[s + i * stride];
    }

    // Implementation note. unzip and zip hold no vector code: each m has a loop of its own, as the
    // row kernels of VectorMaxPoolRows do. A model whose Winograd layers use one variant, followed by
    // one that uses the other, would otherwise take a branch C2 never saw inside a vector loop, and
    // the loop would run the Vector API's Java fallback until it was compiled again.

    /**
     * Per chunk of {@code m·L} source floats, two-vector lane selections (even and odd lanes, twice
     * for m = 4) give L floats of each phase; chunks that would read or write outside the arrays go
     * one float at a time, and lanes outside [from, to) are left out of lane-masked stores.
     */
    @Override
    void unzip(int m, float[] src, int s, float[] dst, int d, int dStride, int from, int to) {
        if (m == 2) unzip2(src, s, dst, d, dStride, from, to);
        else if (m == 4) unzip4(src, s, dst, d, dStride, from, to);
        else super.unzip(m, src, s, dst, d, dStride, from, to);
    }

    /**
     * Per chunk of {@code m·L} output floats, two-vector lane selections interleave L floats of each
     * phase (low and high halves, twice for m = 4); chunks that would read or write outside the
     * arrays go one float at a time, and the row's last chunk is a lane-masked store.
     */
    @Override
    void zip(int m, float[] src, int s, int sStride, float add, float[] dst, int d, int len) {
        if (m == 2) zip2(src, s, sStride, add, dst, d, len);
        else if (m == 4) zip4(src, s, sStride, add, dst, d, len);
        else super.zip(m, src, s, sStride, add, dst, d, len);
    }

    private void unzip2(float[] src, int s, float[] dst, int d, int dStride, int from, int to) {
        for (int k = from >> SHIFT2; k * 2 * L < to; k++) {
            int t0 = k * 2 * L, j0 = k * L;
            if (s + t0 < 0 || s + t0 + 2 * L > src.length || d + dStride + j0 + L > dst.length) {
                super.unzip(2, src, s, dst, d, dStride, Math.max(from, t0), Math.min(to, t0 + 2 * L));
                continue;
            }
            IntVector v0 = FloatVector.fromArray(S, src, s + t0).reinterpretAsInts();
            IntVector v1 = FloatVector.fromArray(S, src, s + t0 + L).reinterpretAsInts();
            store(EVEN.selectFrom(v0, v1), dst, d + j0, phaseLanes(1, 0, from, to, j0));
            store(ODD.selectFrom(v0, v1), dst, d + dStride + j0, phaseLanes(1, 1, from, to, j0));
        }
    }

    private void unzip4(float[] src, int s, float[] dst, int d, int dStride, int from, int to) {
        for (int k = from >> SHIFT4; k * 4 * L < to; k++) {
            int t0 = k * 4 * L, j0 = k * L;
            if (s + t0 < 0 || s + t0 + 4 * L > src.length || d + 3 * dStride + j0 + L > dst.length) {
                super.unzip(4, src, s, dst, d, dStride, Math.max(from, t0), Math.min(to, t0 + 4 * L));
                continue;
            }
            IntVector v0 = FloatVector.fromArray(S, src, s + t0).reinterpretAsInts();
            IntVector v1 = FloatVector.fromArray(S, src, s + t0 + L).reinterpretAsInts();
            IntVector v2 = FloatVector.fromArray(S, src, s + t0 + 2 * L).reinterpretAsInts();
            IntVector v3 = FloatVector.fromArray(S, src, s + t0 + 3 * L).reinterpretAsInts();
            IntVector e01 = EVEN.selectFrom(v0, v1), o01 = ODD.selectFrom(v0, v1);
            IntVector e23 = EVEN.selectFrom(v2, v3), o23 = ODD.selectFrom(v2, v3);
            store(EVEN.selectFrom(e01, e23), dst, d + j0, phaseLanes(2, 0, from, to, j0));
            store(EVEN.selectFrom(o01, o23), dst, d + dStride + j0, phaseLanes(2, 1, from, to, j0));
            store(ODD.selectFrom(e01, e23), dst, d + 2 * dStride + j0, phaseLanes(2, 2, from, to, j0));
            store(ODD.selectFrom(o01, o23), dst, d + 3 * dStride + j0, phaseLanes(2, 3, from, to, j0));
        }
    }

    private void zip2(float[] src, int s, int sStride, float add, float[] dst, int d, int len) {
        FloatVector a = FloatVector.broadcast(S, add);
        for (int t0 = 0, j0 = 0; t0 < len; t0 += 2 * L, j0 += L) {
            if (s + sStride + j0 + L > src.length || d + t0 + 2 * L > dst.length) {
                super.zip(2, src, s + j0, sStride, add, dst, d + t0, Math.min(len - t0, 2 * L));
                continue;
            }
            IntVector p0 = FloatVector.fromArray(S, src, s + j0).add(a).reinterpretAsInts();
            IntVector p1 = FloatVector.fromArray(S, src, s + sStride + j0).add(a).reinterpretAsInts();
            store(ZIP_LO.selectFrom(p0, p1), dst, d + t0, rowLanes(t0, len));
            store(ZIP_HI.selectFrom(p0, p1), dst, d + t0 + L, rowLanes(t0 + L, len));
        }
    }

    private void zip4(float[] src, int s, int sStride, float add, float[] dst, int d, int len) {
        FloatVector a = FloatVector.broadcast(S, add);
        for (int t0 = 0, j0 = 0; t0 < len; t0 += 4 * L, j0 += L) {
            if (s + 3 * sStride + j0 + L > src.length || d + t0 + 4 * L > dst.length) {
                super.zip(4, src, s + j0, sStride, add, dst, d + t0, Math.min(len - t0, 4 * L));
                continue;
            }
            IntVector p0 = FloatVector.fromArray(S, src, s + j0).add(a).reinterpretAsInts();
            IntVector p1 = FloatVector.fromArray(S, src, s + sStride + j0).add(a).reinterpretAsInts();
            IntVector p2 = FloatVector.fromArray(S, src, s + 2 * sStride + j0).add(a).reinterpretAsInts();
            IntVector p3 = FloatVector.fromArray(S, src, s + 3 * sStride + j0).add(a).reinterpretAsInts();
            IntVector lo02 = ZIP_LO.selectFrom(p0, p2), hi02 = ZIP_HI.selectFrom(p0, p2);
            IntVector lo13 = ZIP_LO.selectFrom(p1, p3), hi13 = ZIP_HI.selectFrom(p1, p3);
            store(ZIP_LO.selectFrom(lo02, lo13), dst, d + t0, rowLanes(t0, len));
            store(ZIP_HI.selectFrom(lo02, lo13), dst, d + t0 + L, rowLanes(t0 + L, len));
            store(ZIP_LO.selectFrom(hi02, hi13), dst, d + t0 + 2 * L, rowLanes(t0 + 2 * L, len));
            store(ZIP_HI.selectFrom(hi02, hi13), dst, d + t0 + 3 * L, rowLanes(t0 + 3 * L, len));
        }
    }

    /** Stores the lanes set in {@code lanes} (a bit per lane) of v's floats at dst[at..]; the whole vector lies inside dst. */
    private static void store(IntVector v, float[] dst, int at, long lanes) {
        if (lanes == FULL) v.reinterpretAsFloats().intoArray(dst, at);
        else if (lanes != 0) v.reinterpretAsFloats().intoArray(dst, at, VectorMask.fromLong(S, lanes));
    }

    /**
     * The lanes i of phase b (of 2^shift) whose place (j0 + i)·2^shift + b lies in [from, to), a bit
     * per lane. Shifts, not divisions: an integer division per bound cost more than the selections.
     */
    private static long phaseLanes(int shift, int b, int from, int to, int j0) {
        // ceil(a / 2^shift) = -floor(-a / 2^shift), and >> floors.
        int lo = Math.max(0, -((b - from) >> shift) - j0), hi = Math.min(L, -((b - to) >> shift) - j0);
        return lo >= hi ? 0L : FULL & (-1L << lo) & ~(-1L << hi);
    }

    /** The lanes of a vector at row place t0 that fall before the row's end len. */
    private static long rowLanes(int t0, int len) {
        int n = Math.min(L, len - t0);
        return n <= 0 ? 0L : n == L ? FULL : (1L << n) - 1;
    }

    private static IntVector zipIndexes(int first) {
        int[] idx = new int[L];
        for (int i = 0; i < L; i++) idx[i] = (i % 2 == 0 ? 0 : L) + first + i / 2;
        return IntVector.fromArray(S.withLanes(int.class), idx, 0);
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
