package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMicroKernel}'s paths for tiles at the edges of C: a tile whose real columns fit in one
 * vector runs a one-vector k loop (half the multiply-adds), one with at most {@link #SHORT_ROWS} real
 * rows a four-row k loop (two thirds of them), and either tile is then merged into C with masked
 * vectors.
 *
 * <p>Implementation note. Before, every edge tile was computed whole into scratch and copied into C
 * with a scalar loop, which also added it to C when K took several blocks. Narrow outputs have an
 * edge panel in every row of tiles: a 7×7 ResNet-18 layer with its padding columns is 63 columns
 * (two panels, one of them an edge), SqueezeNet's 13×13 classifier 169 (the sixth panel holds 9).
 * Masked loads and stores are only intrinsic when the whole vector lies inside the array, so the
 * callers check that and fall back otherwise. Nothing picks a vector by a branch: whether C is
 * added is a load mask with no lanes set (a masked add then keeps the tile's bits, -0 included),
 * and each row's store sits under its own {@code if}, so no two vector values merge (see
 * docs/kernels.md on what C2 boxes).
 *
 * <p>The k loop and the masked stores are separate methods on purpose. C1 compiles a method before
 * C2 does, and the Vector API's Java code that it inlines for masked operations is large: a
 * two-vector loop with masked stores (887 bytes of bytecode) and then a one-vector one (496 bytes)
 * ran C1 out of virtual registers. The method then stayed in the Java fallback, 7 to 30 times
 * slower, for seconds or for good: a 3×3 convolution 48→192 on 13×13 ran at 2 GFLOP/s for 25 s
 * when the long k loop was compiled on-stack first. Each piece alone compiles at every tier.
 */
final class VectorEdgeTiles {
    private static final VectorSpecies<Float> S = VectorMicroKernel.S;
    private static final int L = VectorMicroKernel.L, MR = VectorMicroKernel.MR;

    /** Rows of the {@link #short4} tile. */
    static final int SHORT_ROWS = 4;

    private VectorEdgeTiles() {}

    /**
     * {@link MicroKernel#tileNarrow}: one vector of columns, all MR rows, written to {@code out}
     * rows {@code outLd} apart; B panel rows are {@code nr} floats apart.
     */
    static void narrow(int kc, float[] a, int aOff, float[] b, int bOff, int nr, float[] out, int outOff, int outLd) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
        int ap = aOff, bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += nr) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            c0 = FloatVector.broadcast(S, a[ap + 0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ap + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ap + 5]).fma(b0, c5);
        }
        c0.intoArray(out, outOff);
        c1.intoArray(out, outOff + outLd);
        c2.intoArray(out, outOff + 2 * outLd);
        c3.intoArray(out, outOff + 3 * outLd);
        c4.intoArray(out, outOff + 4 * outLd);
        c5.intoArray(out, outOff + 5 * outLd);
    }

    /**
     * {@link MicroKernel#tileShort}: the first four rows of the whole tile, two vectors each, written
     * to {@code out} rows {@code outLd} apart. A panels are packed for MR rows; rows 4 and 5 are not
     * read. The last row panel of a product with 4 more rows than a multiple of six (16, 64, 256 or
     * 1000 outputs) used to compute six rows into scratch and copy four of them. The k loop is the
     * first four rows of {@link VectorMicroKernel#tile}'s, written out again on purpose: shared
     * through a helper, the accumulators would cross a method boundary, which C2 boxes.
     */
    static void short4(int kc, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int outLd) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
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
        }
        c00.intoArray(out, outOff);
        c01.intoArray(out, outOff + L);
        c10.intoArray(out, outOff + outLd);
        c11.intoArray(out, outOff + outLd + L);
        c20.intoArray(out, outOff + 2 * outLd);
        c21.intoArray(out, outOff + 2 * outLd + L);
        c30.intoArray(out, outOff + 3 * outLd);
        c31.intoArray(out, outOff + 3 * outLd + L);
    }

    /**
     * {@link MicroKernel#mergeTile} for tiles up to one vector wide whose rows in C all have a whole
     * vector in bounds: per row, a load of the tile, one of C masked to the real lanes (no lanes when
     * not accumulating), and a masked store.
     */
    static void mergeOne(float[] tile, int tileLd, float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate) {
        long bits = lanes(cols);
        VectorMask<Float> st = VectorMask.fromLong(S, bits), ld = VectorMask.fromLong(S, accumulate ? bits : 0L);
        for (int r = 0, t = 0, o = cOff; r < rows; r++, t += tileLd, o += ldc) {
            FloatVector.fromArray(S, tile, t).add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        }
    }

    /**
     * {@link MicroKernel#mergeTile} for tiles up to two vectors wide whose rows in C all have two
     * whole vectors in bounds: per row, two loads of the tile, two of C masked to the real lanes
     * (no lanes when not accumulating), and two masked stores.
     */
    static void merge(float[] tile, int tileLd, float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate) {
        long bits0 = lanes(Math.min(cols, L)), bits1 = cols > L ? lanes(cols - L) : 0L;
        VectorMask<Float> st0 = VectorMask.fromLong(S, bits0), st1 = VectorMask.fromLong(S, bits1);
        VectorMask<Float> ld0 = VectorMask.fromLong(S, accumulate ? bits0 : 0L);
        VectorMask<Float> ld1 = VectorMask.fromLong(S, accumulate ? bits1 : 0L);
        for (int r = 0, t = 0, o = cOff; r < rows; r++, t += tileLd, o += ldc) {
            FloatVector.fromArray(S, tile, t).add(FloatVector.fromArray(S, c, o, ld0), ld0).intoArray(c, o, st0);
            FloatVector.fromArray(S, tile, t + L).add(FloatVector.fromArray(S, c, o + L, ld1), ld1).intoArray(c, o + L, st1);
        }
    }

    /** The low {@code n} bits set, 0 ≤ n ≤ 63. */
    private static long lanes(int n) {
        return (1L << n) - 1;
    }
}
