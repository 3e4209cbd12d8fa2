package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMicroKernel}'s paths for tiles at the edges of C: a tile whose real columns fit in one
 * vector runs a one-vector k loop (half the multiply-adds) stored straight into C with lane masks,
 * and a wider one is computed whole into scratch and merged into C with masked vectors.
 *
 * <p>Implementation note. Before, every edge tile was computed whole into scratch and copied into C
 * with a scalar loop, which also added it to C when K took several blocks. Narrow outputs have an
 * edge panel in every row of tiles: a 7×7 ResNet-18 layer with its padding columns is 63 columns
 * (two panels, one of them an edge), SqueezeNet's 13×13 classifier 169 (the sixth panel holds 9).
 * Masked loads and stores are only intrinsic when the whole vector lies inside the array, so the
 * callers check that and fall back otherwise. Nothing picks a vector by a branch: whether C is
 * added is a load mask with no lanes set (a masked add then keeps the tile's bits, -0 included),
 * and each row's store sits under its own {@code if}, so no two vector values merge (see
 * docs/kernels.md on what C2 boxes). A two-vector version of the narrow loop, with masked stores,
 * was tried first: its 887 bytes of bytecode ran C1 out of virtual registers, it never reached
 * C2, and whole models ran 7 to 30 times slower in the Vector API's Java fallback.
 */
final class VectorEdgeTiles {
    private static final VectorSpecies<Float> S = VectorMicroKernel.S;
    private static final int L = VectorMicroKernel.L, MR = VectorMicroKernel.MR;

    private VectorEdgeTiles() {}

    /** Columns [0, cols) of a one-vector-wide edge, cols ≤ L; B panel rows are {@code nr} floats apart. */
    static void narrow(int kc, float[] a, int aOff, float[] b, int bOff, int nr, float[] c, int cOff, int ldc,
                       boolean accumulate, int rows, int cols) {
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
        long bits = lanes(cols);
        VectorMask<Float> st = VectorMask.fromLong(S, bits), ld = VectorMask.fromLong(S, accumulate ? bits : 0L);
        int o = cOff;
        if (rows > 0) c0.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        o += ldc;
        if (rows > 1) c1.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        o += ldc;
        if (rows > 2) c2.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        o += ldc;
        if (rows > 3) c3.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        o += ldc;
        if (rows > 4) c4.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
        o += ldc;
        if (rows > 5) c5.add(FloatVector.fromArray(S, c, o, ld), ld).intoArray(c, o, st);
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
