package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulTest {
    private final Random rnd = new Random(31);

    private static double[] reference(Tensor a, Tensor b, int m, int k, int n) {
        double[] r = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) r[i * n + j] += a.getDouble(i * k + p) * b.getDouble(p * n + j);
        return r;
    }

    @Test
    void floatAndIntegerProducts() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32}) {
            Tensor a = Fixtures.relayout(Fixtures.random(dt, rnd, 5, 7), 1);
            Tensor b = Fixtures.random(dt, rnd, 7, 3);
            Tensor c = MatMul.matmul(a, b);
            assertEquals(Shape.of(5, 3), c.shape());
            assertClose("matmul " + dt, reference(a, b, 5, 7, 3), c, 1e-5, 1e-5);
        }
        Tensor batch = Fixtures.random(DType.FLOAT32, rnd, 2, 1, 4, 6);
        Tensor w = Fixtures.random(DType.FLOAT32, rnd, 3, 6, 2);
        assertEquals(Shape.of(2, 3, 4, 2), MatMul.matmul(batch, w).shape());
        assertEquals(Shape.of(4), MatMul.matmul(Fixtures.random(DType.FLOAT32, rnd, 4, 6), Fixtures.random(DType.FLOAT32, rnd, 6)).shape());
        Tensor big = Tensor.of(new long[] {1L << 40, 1}, 1, 2);
        assertSameLongs("int64 exact", new long[] {(1L << 41) + 3}, MatMul.matmul(big, Tensor.of(new long[] {2, 3}, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> MatMul.matmul(Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)), Tensor.zeros(DType.FLOAT32, Shape.of(4, 2))));
    }

    /**
     * Small float32 products go through strided views (transposed, sliced, broadcast batches) with
     * no copy; compare with a double loop over the logical elements, on the vector and scalar paths.
     */
    @Test
    void smallProductsOfViewsFollowNumpyBroadcasting() {
        int[][][] shapes = {
            {{4, 64, 32}, {4, 32, 64}}, {{3, 5, 7}, {7, 9}}, {{5, 7}, {2, 7, 9}}, {{2, 1, 3, 5}, {4, 5, 17}},
            {{1, 3, 2, 6}, {2, 1, 6, 3}}, {{2, 3, 0}, {0, 4}}, {{6, 1}, {3, 1, 5}},
        };
        for (boolean vector : new boolean[] {true, false}) {
            for (int[][] s : shapes) {
                for (int layout = 0; layout < 4; layout++) {
                    Tensor a = view(s[0], (layout & 1) != 0), b = view(s[1], (layout & 2) != 0);
                    Tensor c = vector ? MatMul.matmul(a, b) : Fixtures.scalarOnly(() -> MatMul.matmul(a, b));
                    Shape expectedShape = MatMul.resultShape(a.shape(), b.shape());
                    assertEquals(expectedShape, c.shape());
                    assertClose("matmul " + a.shape() + " @ " + b.shape() + " layout " + layout + (vector ? " vector" : " scalar"),
                            broadcastReference(a, b, expectedShape), c, 1e-5, 1e-5);
                }
            }
        }
        // A slice of a wider tensor: rows are not contiguous.
        Tensor wide = Fixtures.random(DType.FLOAT32, rnd, 2, 6, 20);
        Tensor q = wide.slice(2, 3, 11, 1), kT = wide.slice(2, 12, 20, 1).transpose(0, 2, 1);
        Tensor r = MatMul.matmul(q, kT);
        assertClose("sliced views", broadcastReference(q, kT, r.shape()), r, 1e-5, 1e-5);
    }

    /** Products written scaled into a permuted view of a new tensor, which then holds the transposed product. */
    @Test
    void matmulIntoWritesThroughAPermutedView() {
        for (boolean vector : new boolean[] {true, false}) {
            for (int[] d : new int[][] {{4, 64, 32, 64}, {3, 5, 7, 9}, {2, 17, 3, 1}}) {
                int h = d[0], m = d[1], k = d[2], n = d[3];
                Tensor a = view(new int[] {h, m, k}, false), b = view(new int[] {h, k, n}, true);
                Tensor y = Tensor.zeros(DType.FLOAT32, Shape.of(m, h, n)); // [m, h, n]; the product is [h, m, n]
                Tensor into = y.transpose(1, 0, 2);
                Tensor r = vector ? MatMul.matmulInto(a, b, 0.5f, into) : Fixtures.scalarOnly(() -> MatMul.matmulInto(a, b, 0.5f, into));
                assertEquals(into, r);
                double[] expected = broadcastReference(a, b, Shape.of(h, m, n));
                double[] permuted = new double[expected.length];
                for (int hi = 0; hi < h; hi++) {
                    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) permuted[(i * h + hi) * n + j] = 0.5 * expected[(hi * m + i) * n + j];
                }
                assertClose("matmulInto " + java.util.Arrays.toString(d) + (vector ? " vector" : " scalar"), permuted, y, 1e-5, 1e-5);
            }
        }
        // Too big for the small kernel: computed, scaled and copied.
        Tensor a = Fixtures.random(DType.FLOAT32, rnd, 100, 90), b = Fixtures.random(DType.FLOAT32, rnd, 90, 80);
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(80, 100)).transpose(1, 0);
        assertThrows(IllegalArgumentException.class, () -> MatMul.matmulInto(a, b, 2f, out)); // last stride is not 1
        Tensor y = MatMul.matmulInto(a, b, 2f, Tensor.zeros(DType.FLOAT32, Shape.of(100, 80)));
        double[] e = broadcastReference(a, b, Shape.of(100, 80));
        for (int i = 0; i < e.length; i++) e[i] *= 2;
        assertClose("large matmulInto", e, y, 1e-4, 1e-4);
        assertThrows(IllegalArgumentException.class, () -> MatMul.matmulInto(a, b, 1f, Tensor.zeros(DType.FLOAT32, Shape.of(100, 81))));
    }

    /** Strided.reshaped says a reshape of a view when strides can, and refuses when a copy is needed. */
    @Test
    void stridedReshapeMatchesACopyingReshape() {
        Tensor wide = Fixtures.random(DType.FLOAT32, rnd, 5, 1, 24);
        Tensor slice = wide.slice(2, 8, 20, 1); // [5, 1, 12], rows 24 apart
        int[][] viewable = {{5, 3, 4}, {5, 12}, {5, 1, 2, 6}, {1, 5, 12, 1}};
        for (int[] to : viewable) {
            MatMul.Strided s = MatMul.Strided.of(slice).reshaped(to);
            Tensor expected = slice.reshape(to);
            for (int flat = 0; flat < expected.size(); flat++) {
                int pos = s.offset(), rem = flat;
                for (int d = to.length - 1; d >= 0; d--) {
                    pos += rem % to[d] * s.strides()[d];
                    rem /= to[d];
                }
                assertEquals(expected.getDouble(flat), s.data()[pos], "reshape to " + java.util.Arrays.toString(to) + " at " + flat);
            }
        }
        assertEquals(null, MatMul.Strided.of(slice).reshaped(new int[] {60}));
        assertEquals(null, MatMul.Strided.of(slice).reshaped(new int[] {3, 5, 4}));
        assertEquals(null, MatMul.Strided.of(slice).reshaped(new int[] {7, 9}));
        MatMul.Strided a = MatMul.Strided.of(Fixtures.random(DType.FLOAT32, rnd, 2, 3, 4));
        MatMul.Strided b = MatMul.Strided.of(Fixtures.random(DType.FLOAT32, rnd, 3, 4, 5));
        assertThrows(IllegalArgumentException.class,
                () -> MatMul.multiplyStrided(a, b, 1f, MatMul.Strided.of(Tensor.zeros(DType.FLOAT32, Shape.of(2, 3, 5)))));
    }

    /** A random tensor of {@code dims}; when {@code transposed}, stored with its last two axes swapped. */
    private Tensor view(int[] dims, boolean transposed) {
        if (!transposed || dims.length < 2) return Fixtures.random(DType.FLOAT32, rnd, dims);
        int[] swapped = dims.clone();
        int r = dims.length;
        swapped[r - 1] = dims[r - 2];
        swapped[r - 2] = dims[r - 1];
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        perm[r - 1] = r - 2;
        perm[r - 2] = r - 1;
        return Fixtures.random(DType.FLOAT32, rnd, swapped).transpose(perm);
    }

    /** numpy matmul by definition: each output element indexes both operands through broadcasting. */
    private static double[] broadcastReference(Tensor a, Tensor b, Shape out) {
        int r = out.rank(), m = a.shape().dim(-2), k = a.shape().dim(-1), n = b.shape().dim(-1);
        double[] res = new double[out.size()];
        int[] idx = new int[r];
        for (int flat = 0; flat < res.length; flat++) {
            int rem = flat;
            for (int d = r - 1; d >= 0; d--) {
                idx[d] = rem % out.dim(d);
                rem /= out.dim(d);
            }
            double s = 0;
            for (int p = 0; p < k; p++) {
                s += a.getDouble(flatIndex(a, idx, idx[r - 2], p)) * b.getDouble(flatIndex(b, idx, p, idx[r - 1]));
            }
            res[flat] = s;
        }
        return res;
    }

    /** The flat (logical, row-major) index into {@code t} of batch {@code idx} and matrix element (i, j). */
    private static int flatIndex(Tensor t, int[] idx, int i, int j) {
        int tr = t.rank(), flat = 0, lead = idx.length - tr;
        for (int d = 0; d < tr - 2; d++) flat = flat * t.shape().dim(d) + (t.shape().dim(d) == 1 ? 0 : idx[lead + d]);
        flat = flat * t.shape().dim(tr - 2) + i;
        return flat * t.shape().dim(tr - 1) + j;
    }

    @Test
    void matmulIntegerSubtractsZeroPoints() {
        Tensor a = Tensor.fromLongs(DType.UINT8, Shape.of(2, 2), 200, 10, 0, 255);
        Tensor b = Tensor.fromLongs(DType.INT8, Shape.of(2, 1), -3, 4);
        Tensor r = MatMul.matmulInteger(a, b, Tensor.fromLongs(DType.UINT8, Shape.of(1), 10), null);
        assertEquals(DType.INT32, r.dtype());
        assertSameLongs("matmulinteger", new long[] {190 * -3 + 0, -10 * -3 + 245 * 4}, r);
    }
}
