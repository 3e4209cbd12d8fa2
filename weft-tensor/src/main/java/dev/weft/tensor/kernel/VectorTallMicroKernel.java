package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A GEMM micro-kernel with a 12-row by two-vector tile (24 accumulator registers), for products
 * whose left operand is packed once ({@link PackedA}: convolution weights). Per step of k it loads
 * two vectors of B and broadcasts twelve values of A for 24 multiply-adds, where the 6-row
 * {@link VectorMicroKernel} loads the same two vectors for 12: half the B traffic per multiply-add.
 * That matters when B panels come from L2, as a convolution's do (K up to 576 puts a 32-column panel
 * past L1). In a probe of convolution-shaped loops (B panels K × 32, weights in 12- or 6-row panels,
 * alternating in one JVM) the 12-row tile ran at 73.5 against 62.6 GFLOP/s for K = 576, 85.1 against
 * 70.6 for K = 432, 84.4 against 72.2 for K = 288 and 73.0 against 67.1 for K = 144.
 *
 * <p>Products whose A is packed per call keep the 6-row kernel: its panels are packed with vector
 * shuffles ({@link VectorPanelA}), and a taller panel would pad more of the short products of
 * transformer layers. Loaded only when the module is present. Edge tiles: one vector of columns
 * ({@link #tileNarrow}, 12 rows) or the first six rows ({@link #tileShort}); merges, compacting
 * stores and packing of B are the 6-row kernel's, which do not depend on the tile's height.
 *
 * <p>Implementation note: generated shape, every loop written out, for the reasons given on
 * {@link VectorMicroKernel}: an accumulator handed to a helper that C2 does not inline, or picked
 * by a branch, is boxed.
 */
final class VectorTallMicroKernel extends MicroKernel {
    static final VectorSpecies<Float> S = VectorMicroKernel.S;
    static final int L = VectorMicroKernel.L;
    static final int MR = 12;
    /** Rows of {@link #tileShort}. */
    private static final int SHORT_ROWS = 6;

    /** The 6-row kernel, for the steps that do not depend on the tile's height. */
    private final MicroKernel six;

    VectorTallMicroKernel(MicroKernel six) {
        super(MR, 2 * L);
        if (six.nr != nr) throw new IllegalArgumentException("the 6-row kernel's tiles are " + six.nr + " wide, not " + nr);
        this.six = six;
    }

    @Override
    void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap + 0]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        if (accumulate) {
            // All loads of C before any store (4K aliasing; see VectorMicroKernel.tile).
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
            c6_0 = c6_0.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c6_1 = c6_1.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L));
            c7_0 = c7_0.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c7_1 = c7_1.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L));
            c8_0 = c8_0.add(FloatVector.fromArray(S, c, cOff + 8 * ldc));
            c8_1 = c8_1.add(FloatVector.fromArray(S, c, cOff + 8 * ldc + L));
            c9_0 = c9_0.add(FloatVector.fromArray(S, c, cOff + 9 * ldc));
            c9_1 = c9_1.add(FloatVector.fromArray(S, c, cOff + 9 * ldc + L));
            c10_0 = c10_0.add(FloatVector.fromArray(S, c, cOff + 10 * ldc));
            c10_1 = c10_1.add(FloatVector.fromArray(S, c, cOff + 10 * ldc + L));
            c11_0 = c11_0.add(FloatVector.fromArray(S, c, cOff + 11 * ldc));
            c11_1 = c11_1.add(FloatVector.fromArray(S, c, cOff + 11 * ldc + L));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + L);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + L);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + L);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + L);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c4_1.intoArray(c, cOff + 4 * ldc + L);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c5_1.intoArray(c, cOff + 5 * ldc + L);
        c6_0.intoArray(c, cOff + 6 * ldc);
        c6_1.intoArray(c, cOff + 6 * ldc + L);
        c7_0.intoArray(c, cOff + 7 * ldc);
        c7_1.intoArray(c, cOff + 7 * ldc + L);
        c8_0.intoArray(c, cOff + 8 * ldc);
        c8_1.intoArray(c, cOff + 8 * ldc + L);
        c9_0.intoArray(c, cOff + 9 * ldc);
        c9_1.intoArray(c, cOff + 9 * ldc + L);
        c10_0.intoArray(c, cOff + 10 * ldc);
        c10_1.intoArray(c, cOff + 10 * ldc + L);
        c11_0.intoArray(c, cOff + 11 * ldc);
        c11_1.intoArray(c, cOff + 11 * ldc + L);
    }

    /**
     * {@link #tile}, then bias and clamp over the stored tile, which is still in L1. Unlike the 6-row
     * kernel's, this epilogue does not work on the accumulators in registers. While it did (written
     * out for 24 of them, twice this method's size), one JVM in about ten kept part of a kernel in
     * the Vector API's Java code (SqueezeNet allocated 1.8 MB per run; never pinned down to a
     * method): a smaller method leaves C2 less to give up on. Alternating both in one JVM, the pass over the
     * stored tile took 0.98–1.00 of the time on SqueezeNet's classifier and on deep 1×1 layers of
     * SqueezeNet and MobileNet-v2.
     */
    @Override
    void tileFinish(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate,
                    RowEpilogue ep, int row0) {
        tile(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        finishRows(c, cOff, ldc, ep, row0);
    }

    /** Bias and clamp on the 12 × 2L tile just stored at {@code c[cOff]}, a row at a time. */
    private static void finishRows(float[] c, int cOff, int ldc, RowEpilogue ep, int row0) {
        FloatVector lo = FloatVector.broadcast(S, ep.clamp().lo()), hi = FloatVector.broadcast(S, ep.clamp().hi());
        for (int r = 0, at = cOff; r < MR; r++, at += ldc) {
            FloatVector bias = FloatVector.broadcast(S, ep.biasOf(row0 + r));
            FloatVector v0 = FloatVector.fromArray(S, c, at).add(bias);
            FloatVector v1 = FloatVector.fromArray(S, c, at + L).add(bias);
            v0.blend(lo, v0.compare(VectorOperators.LE, lo)).blend(hi, v0.compare(VectorOperators.GE, hi)).intoArray(c, at);
            v1.blend(lo, v1.compare(VectorOperators.LE, lo)).blend(hi, v1.compare(VectorOperators.GE, hi)).intoArray(c, at + L);
        }
    }

    @Override
    int narrowCols() {
        return L;
    }

    @Override
    void tileNarrow(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += nr) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector a0 = FloatVector.broadcast(S, a[ap + 0]);
            c0_0 = a0.fma(b0, c0_0);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8]);
            c8_0 = a8.fma(b0, c8_0);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9]);
            c9_0 = a9.fma(b0, c9_0);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10]);
            c10_0 = a10.fma(b0, c10_0);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11]);
            c11_0 = a11.fma(b0, c11_0);
        }
        c0_0.intoArray(out, outOff + 0 * outLd);
        c1_0.intoArray(out, outOff + 1 * outLd);
        c2_0.intoArray(out, outOff + 2 * outLd);
        c3_0.intoArray(out, outOff + 3 * outLd);
        c4_0.intoArray(out, outOff + 4 * outLd);
        c5_0.intoArray(out, outOff + 5 * outLd);
        c6_0.intoArray(out, outOff + 6 * outLd);
        c7_0.intoArray(out, outOff + 7 * outLd);
        c8_0.intoArray(out, outOff + 8 * outLd);
        c9_0.intoArray(out, outOff + 9 * outLd);
        c10_0.intoArray(out, outOff + 10 * outLd);
        c11_0.intoArray(out, outOff + 11 * outLd);
    }

    @Override
    int shortRows() {
        return SHORT_ROWS;
    }

    /**
     * The first six rows of the tile, from 12-row A panels (rows 6 to 11 are not read). Its k loop is
     * the first six rows of {@link #tile}'s, written out again on purpose (see the class note).
     */
    @Override
    void tileShort(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap + 0]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
        }
        c0_0.intoArray(out, outOff + 0 * outLd);
        c0_1.intoArray(out, outOff + 0 * outLd + L);
        c1_0.intoArray(out, outOff + 1 * outLd);
        c1_1.intoArray(out, outOff + 1 * outLd + L);
        c2_0.intoArray(out, outOff + 2 * outLd);
        c2_1.intoArray(out, outOff + 2 * outLd + L);
        c3_0.intoArray(out, outOff + 3 * outLd);
        c3_1.intoArray(out, outOff + 3 * outLd + L);
        c4_0.intoArray(out, outOff + 4 * outLd);
        c4_1.intoArray(out, outOff + 4 * outLd + L);
        c5_0.intoArray(out, outOff + 5 * outLd);
        c5_1.intoArray(out, outOff + 5 * outLd + L);
    }

    @Override
    void mergeTile(float[] tile, int tileLd, float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate) {
        six.mergeTile(tile, tileLd, c, cOff, ldc, rows, cols, accumulate);
    }

    @Override
    void storeCompact(RowEpilogue ep, float[] tile, int tileLd, float[] c, int cOff, int ldc, int row0, int rows,
                      int col0, int cols) {
        six.storeCompact(ep, tile, tileLd, c, cOff, ldc, row0, rows, col0, cols);
    }

    @Override
    void addClamp(float[] src, int srcOff, float[] dst, int dstOff, int len, float bias, Clamp clamp) {
        six.addClamp(src, srcOff, dst, dstOff, len, bias, clamp);
    }

    /** Rows of A read in place (raw weights): the 6-row kernel's tile for each half. */
    @Override
    void tileDirect(int kc, float[] a, int aOff, int lda, float[] b, int[] rows, int rowsOff, int col,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        six.tileDirect(kc, a, aOff, lda, b, rows, rowsOff, col, c, cOff, ldc, accumulate);
        six.tileDirect(kc, a, aOff + 6 * lda, lda, b, rows, rowsOff, col, c, cOff + 6 * ldc, ldc, accumulate);
    }

    @Override
    void rowTimesPanel(int kc, float[] a, int aOff, int aStride, float[] b, int bOff, float[] sum) {
        six.rowTimesPanel(kc, a, aOff, aStride, b, bOff, sum);
    }

    @Override
    void packPanel(float[] b, int src, int ldb, int kc, float[] dst, int dstOff) {
        six.packPanel(b, src, ldb, kc, dst, dstOff);
    }

    @Override
    void packRows(float[] b, int[] rows, int rowsOff, int col, int kc, float[] dst, int dstOff) {
        six.packRows(b, rows, rowsOff, col, kc, dst, dstOff);
    }
}
