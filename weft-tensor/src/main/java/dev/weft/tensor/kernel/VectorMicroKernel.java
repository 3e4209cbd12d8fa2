package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM micro-kernel: a 6-row by two-vector tile held in 12 accumulator registers,
 * one fused multiply-add per accumulator per step of k. Loaded only when the module is present.
 * Generated shape; see docs/kernels.md for why this tile size.
 */
final class VectorMicroKernel extends MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 6;

    VectorMicroKernel() {
        super(MR, 2 * L);
    }

    @Override
    void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        // Stores are written out row by row: a helper method here would not be inlined
        // everywhere, and C2 would then box the accumulators.
        if (accumulate) {
            // Every load of C comes before any store: with a power-of-two ldc, a load that follows
            // a store to the row above aliases it in the low 12 address bits and would wait for it.
            c00 = c00.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c01 = c01.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L));
            c10 = c10.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    @Override
    void packAPanel(float[] a, int src, int lda, int kc, float[] dst, int dOff) {
        if (VectorPanelA.applies(mr)) {
            VectorPanelA.pack(a, src, lda, kc, dst, dOff);
        } else {
            super.packAPanel(a, src, lda, kc, dst, dOff);
        }
    }

    @Override
    int narrowCols() {
        return L;
    }

    @Override
    void tileNarrow(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        VectorEdgeTiles.narrow(kc, a, aOff, b, bOff, nr, out, outOff, outLd);
    }

    @Override
    int shortRows() {
        return VectorEdgeTiles.SHORT_ROWS;
    }

    @Override
    void tileShort(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        VectorEdgeTiles.short4(kc, a, aOff, b, bOff, out, outOff, outLd);
    }

    @Override
    void mergeTile(float[] tile, int tileLd, float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate) {
        int vectors = cols <= L ? 1 : 2;
        if (cols > 2 * L || cOff < 0 || cOff + (long) (rows - 1) * ldc + vectors * L > c.length) {
            super.mergeTile(tile, tileLd, c, cOff, ldc, rows, cols, accumulate);
            return;
        }
        if (vectors == 1) {
            VectorEdgeTiles.mergeOne(tile, tileLd, c, cOff, ldc, rows, cols, accumulate);
            return;
        }
        VectorEdgeTiles.merge(tile, tileLd, c, cOff, ldc, rows, cols, accumulate);
    }

    /**
     * Implementation note: the k loop is {@link #tile}'s, written out again. Sharing it would hand
     * the twelve accumulators across a method boundary, which C2 boxes unless it inlines the call,
     * and a tile that branched between storing plainly and finishing would merge vectors.
     */
    @Override
    void tileFinish(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate,
                    RowEpilogue ep, int row0) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (accumulate) {
            // Every load of C comes before any store: with a power-of-two ldc, a load that follows
            // a store to the row above aliases it in the low 12 address bits and would wait for it.
            c00 = c00.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c01 = c01.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L));
            c10 = c10.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
        }
        // The epilogue in registers: the same sums as RowEpilogue.apply (accumulated tile, then bias,
        // then clamp), without storing the tile and loading it back.
        FloatVector lo = FloatVector.broadcast(S, ep.clamp().lo()), hi = FloatVector.broadcast(S, ep.clamp().hi());
        FloatVector bias = FloatVector.broadcast(S, ep.biasOf(row0));
        c00 = c00.add(bias);
        c01 = c01.add(bias);
        bias = FloatVector.broadcast(S, ep.biasOf(row0 + 1));
        c10 = c10.add(bias);
        c11 = c11.add(bias);
        bias = FloatVector.broadcast(S, ep.biasOf(row0 + 2));
        c20 = c20.add(bias);
        c21 = c21.add(bias);
        bias = FloatVector.broadcast(S, ep.biasOf(row0 + 3));
        c30 = c30.add(bias);
        c31 = c31.add(bias);
        bias = FloatVector.broadcast(S, ep.biasOf(row0 + 4));
        c40 = c40.add(bias);
        c41 = c41.add(bias);
        bias = FloatVector.broadcast(S, ep.biasOf(row0 + 5));
        c50 = c50.add(bias);
        c51 = c51.add(bias);
        c00 = c00.blend(lo, c00.compare(VectorOperators.LE, lo)).blend(hi, c00.compare(VectorOperators.GE, hi));
        c01 = c01.blend(lo, c01.compare(VectorOperators.LE, lo)).blend(hi, c01.compare(VectorOperators.GE, hi));
        c10 = c10.blend(lo, c10.compare(VectorOperators.LE, lo)).blend(hi, c10.compare(VectorOperators.GE, hi));
        c11 = c11.blend(lo, c11.compare(VectorOperators.LE, lo)).blend(hi, c11.compare(VectorOperators.GE, hi));
        c20 = c20.blend(lo, c20.compare(VectorOperators.LE, lo)).blend(hi, c20.compare(VectorOperators.GE, hi));
        c21 = c21.blend(lo, c21.compare(VectorOperators.LE, lo)).blend(hi, c21.compare(VectorOperators.GE, hi));
        c30 = c30.blend(lo, c30.compare(VectorOperators.LE, lo)).blend(hi, c30.compare(VectorOperators.GE, hi));
        c31 = c31.blend(lo, c31.compare(VectorOperators.LE, lo)).blend(hi, c31.compare(VectorOperators.GE, hi));
        c40 = c40.blend(lo, c40.compare(VectorOperators.LE, lo)).blend(hi, c40.compare(VectorOperators.GE, hi));
        c41 = c41.blend(lo, c41.compare(VectorOperators.LE, lo)).blend(hi, c41.compare(VectorOperators.GE, hi));
        c50 = c50.blend(lo, c50.compare(VectorOperators.LE, lo)).blend(hi, c50.compare(VectorOperators.GE, hi));
        c51 = c51.blend(lo, c51.compare(VectorOperators.LE, lo)).blend(hi, c51.compare(VectorOperators.GE, hi));
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /**
     * Implementation note: no scalar loop. A run shorter than a vector is one whole-vector load and
     * a store masked by lanes (the mask from bits, not {@code indexInRange}, and the whole vector in
     * bounds: otherwise JDK 25 takes a slow path). The last {@code len % L} elements of a longer run
     * are one whole vector ending at {@code len}, computed
     * from the source before the main loop can overwrite it in place. The main loop writes the same
     * values into the overlap, so the result does not depend on the order.
     */
    @Override
    void addClamp(float[] src, int srcOff, float[] dst, int dstOff, int len, float bias, Clamp clamp) {
        if (len < L) {
            if (len <= 0) return;
            if (srcOff + L > src.length || dstOff + L > dst.length) {
                super.addClamp(src, srcOff, dst, dstOff, len, bias, clamp);
                return;
            }
            // A whole-vector load and a store masked to len lanes: both in bounds, so intrinsic.
            FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
            FloatVector v = FloatVector.fromArray(S, src, srcOff).add(bias);
            v.blend(lo, v.compare(VectorOperators.LE, lo)).blend(hi, v.compare(VectorOperators.GE, hi)).intoArray(dst, dstOff, VectorMask.fromLong(S, (1L << len) - 1));
            return;
        }
        // Clamped even without a clamp (bounds ±infinity change no value, NaN and -0 included): a
        // vector chosen by a branch is a merge C2 can only make with a boxed copy.
        FloatVector bv = FloatVector.broadcast(S, bias);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        FloatVector end = FloatVector.fromArray(S, src, srcOff + len - L).add(bv);
        FloatVector last = end.blend(lo, end.compare(VectorOperators.LE, lo)).blend(hi, end.compare(VectorOperators.GE, hi));
        int j = 0;
        for (; j <= len - L; j += L) {
            FloatVector v = FloatVector.fromArray(S, src, srcOff + j).add(bv);
            v.blend(lo, v.compare(VectorOperators.LE, lo)).blend(hi, v.compare(VectorOperators.GE, hi)).intoArray(dst, dstOff + j);
        }
        if (j < len) last.intoArray(dst, dstOff + len - L);
    }

    /**
     * Implementation note. JFR put 18% of a 16→64-channel 3×3 convolution (55×55) in the
     * segment-by-segment store: a dozen short {@link #addClamp} calls per tile, each broadcasting
     * its constants again. Here each tile row is two vectors, biased and clamped once, then written
     * with one lane-masked store per (vector, output-row segment) pair: lane l of a vector lands at
     * {@code base + l}, so a segment needs no lane shuffling, only a mask. A masked store is only
     * intrinsic when the whole vector is in bounds, so tiles near either end of C take the general
     * path, and nothing here passes a vector to another method or picks one by a branch: C2 would
     * box it (see docs/kernels.md). When output rows are at least two vectors apart, a tile spans at
     * most two of them, and the two segments' places and lane masks, the same for every tile row, are
     * worked out once per tile: SqueezeNet's and MobileNet-v2's 3×3 stems (K = 27) took 0.90 and 0.91
     * of the time, a 3×3 32→128 convolution on 27×27 0.92, ResNet's 7×7 stem the same (alternating in
     * one JVM, one thread).
     */
    @Override
    void storeCompact(RowEpilogue ep, float[] tile, int tileLd, float[] c, int cOff, int ldc, int row0, int rows,
                      int col0, int cols) {
        int pitch = ep.pitch(), width = ep.width();
        int oh0 = col0 / pitch, ow0 = col0 % pitch, ohLast = (col0 + cols - 1) / pitch;
        // base = rowStart + oh*width + ow - j lies in [rowStart + oh0*width - cols, rowStart + ohLast*width + width].
        long lowest = (long) cOff + (long) row0 * ldc + (long) oh0 * width - cols;
        long highest = (long) cOff + (long) (row0 + rows - 1) * ldc + (long) ohLast * width + width + 2L * L;
        if (cols > 2 * L || lowest < 0 || highest > c.length) {
            super.storeCompact(ep, tile, tileLd, c, cOff, ldc, row0, rows, col0, cols);
            return;
        }
        FloatVector lo = FloatVector.broadcast(S, ep.clamp().lo()), hi = FloatVector.broadcast(S, ep.clamp().hi());
        if (pitch >= 2 * L) {
            // The tile spans at most two output rows: its segments (where each lands, and the lanes
            // it keeps) are the same for every tile row, so they are worked out once.
            int run1 = Math.min(cols, pitch - ow0);                    // tile columns in output row oh0
            int end1 = ow0 < width ? Math.min(run1, width - ow0) : 0;  // of which real
            int end2 = run1 + Math.min(cols - run1, width);             // columns [run1, end2) in row oh0 + 1
            int base1 = oh0 * width + ow0, base2 = (oh0 + 1) * width - run1; // where tile column 0 would land
            VectorMask<Float> m1a = VectorMask.fromLong(S, lanes(0, Math.min(end1, L)));
            VectorMask<Float> m1b = VectorMask.fromLong(S, end1 > L ? lanes(0, end1 - L) : 0L);
            VectorMask<Float> m2a = VectorMask.fromLong(S, run1 < L ? lanes(run1, Math.min(end2, L)) : 0L);
            VectorMask<Float> m2b = VectorMask.fromLong(S, end2 > L ? lanes(Math.max(run1, L) - L, end2 - L) : 0L);
            for (int r = 0; r < rows; r++) {
                int rowStart = cOff + (row0 + r) * ldc;
                FloatVector b = FloatVector.broadcast(S, ep.biasOf(row0 + r));
                FloatVector s0 = FloatVector.fromArray(S, tile, r * tileLd).add(b);
                FloatVector s1 = FloatVector.fromArray(S, tile, r * tileLd + L).add(b);
                FloatVector v0 = s0.blend(lo, s0.compare(VectorOperators.LE, lo)).blend(hi, s0.compare(VectorOperators.GE, hi));
                FloatVector v1 = s1.blend(lo, s1.compare(VectorOperators.LE, lo)).blend(hi, s1.compare(VectorOperators.GE, hi));
                v0.intoArray(c, rowStart + base1, m1a);
                v1.intoArray(c, rowStart + base1 + L, m1b);
                v0.intoArray(c, rowStart + base2, m2a);
                v1.intoArray(c, rowStart + base2 + L, m2b);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int rowStart = cOff + (row0 + r) * ldc;
            FloatVector b = FloatVector.broadcast(S, ep.biasOf(row0 + r));
            FloatVector s0 = FloatVector.fromArray(S, tile, r * tileLd).add(b);
            FloatVector s1 = FloatVector.fromArray(S, tile, r * tileLd + L).add(b);
            FloatVector v0 = s0.blend(lo, s0.compare(VectorOperators.LE, lo)).blend(hi, s0.compare(VectorOperators.GE, hi));
            FloatVector v1 = s1.blend(lo, s1.compare(VectorOperators.LE, lo)).blend(hi, s1.compare(VectorOperators.GE, hi));
            // Segment: tile columns [j, end) are output row oh, columns ow.. of C's row.
            for (int j = 0, oh = oh0, ow = ow0; j < cols; oh++, ow = 0) {
                int run = Math.min(cols - j, pitch - ow);
                if (ow < width) {
                    int end = j + Math.min(run, width - ow);
                    int base = rowStart + oh * width + ow - j; // where tile column 0 would land
                    if (j < L) v0.intoArray(c, base, VectorMask.fromLong(S, lanes(j, Math.min(end, L))));
                    if (end > L) v1.intoArray(c, base + L, VectorMask.fromLong(S, lanes(Math.max(j, L) - L, end - L)));
                }
                j += run;
            }
        }
    }

    /** Bits [from, to) set, 0 ≤ from ≤ to ≤ 63. */
    private static long lanes(int from, int to) {
        return (1L << to) - (1L << from);
    }

    @Override
    void tileDirect(int kc, float[] a, int aOff, int lda, float[] b, int[] rows, int rowsOff, int col,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        final int ar0 = aOff + 0 * lda;
        final int ar1 = aOff + 1 * lda;
        final int ar2 = aOff + 2 * lda;
        final int ar3 = aOff + 3 * lda;
        final int ar4 = aOff + 4 * lda;
        final int ar5 = aOff + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int bp = rows[rowsOff + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ar0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ar1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ar2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ar3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ar4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ar5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (accumulate) {
            // Every load of C comes before any store: with a power-of-two ldc, a load that follows
            // a store to the row above aliases it in the low 12 address bits and would wait for it.
            c00 = c00.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c01 = c01.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L));
            c10 = c10.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /**
     * Implementation note: four accumulators, two per half of the panel row, taking even and odd
     * steps of p in turn: with two, each step waits for the previous step's multiply-add (four
     * cycles), and a single row of A leaves nothing else to overlap with the loads.
     */
    @Override
    void rowTimesPanel(int kc, float[] a, int aOff, int aStride, float[] b, int bOff, float[] sum) {
        FloatVector s0 = FloatVector.fromArray(S, sum, 0), s1 = FloatVector.fromArray(S, sum, L);
        FloatVector t0 = FloatVector.zero(S), t1 = FloatVector.zero(S);
        int p = 0, bp = bOff, ap = aOff;
        for (; p + 1 < kc; p += 2, bp += 4 * L, ap += 2 * aStride) {
            FloatVector x0 = FloatVector.broadcast(S, a[ap]);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + aStride]);
            s0 = x0.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x0.fma(FloatVector.fromArray(S, b, bp + L), s1);
            t0 = x1.fma(FloatVector.fromArray(S, b, bp + 2 * L), t0);
            t1 = x1.fma(FloatVector.fromArray(S, b, bp + 3 * L), t1);
        }
        if (p < kc) {
            FloatVector x0 = FloatVector.broadcast(S, a[ap]);
            s0 = x0.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x0.fma(FloatVector.fromArray(S, b, bp + L), s1);
        }
        s0.add(t0).intoArray(sum, 0);
        s1.add(t1).intoArray(sum, L);
    }

    @Override
    void packPanel(float[] b, int src, int ldb, int kc, float[] dst, int dstOff) {
        for (int p = 0, s = src, d = dstOff; p < kc; p++, s += ldb, d += 2 * L) {
            FloatVector.fromArray(S, b, s).intoArray(dst, d);
            FloatVector.fromArray(S, b, s + L).intoArray(dst, d + L);
        }
    }

    @Override
    void packRows(float[] b, int[] rows, int rowsOff, int col, int kc, float[] dst, int dstOff) {
        for (int p = 0, d = dstOff; p < kc; p++, d += 2 * L) {
            int src = rows[rowsOff + p] + col;
            FloatVector.fromArray(S, b, src).intoArray(dst, d);
            FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
        }
    }
}
