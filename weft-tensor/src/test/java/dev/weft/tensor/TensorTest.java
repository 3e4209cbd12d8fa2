package dev.weft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {
    private final Random rnd = new Random(37);

    private static Tensor iota(DType dt, int... dims) {
        Tensor t = Tensor.zeros(dt, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) t.setLong(i, i);
        return t;
    }

    /** Python's range(start, stop, step)[...] semantics after NumPy clamping, as a list of indices. */
    private static List<Integer> pythonSlice(int n, int start, int end, int step) {
        int s = start < 0 ? Math.max(start + n, step > 0 ? 0 : -1) : Math.min(start, step > 0 ? n : n - 1);
        int e = end < 0 ? Math.max(end + n, step > 0 ? 0 : -1) : Math.min(end, step > 0 ? n : n - 1);
        List<Integer> r = new ArrayList<>();
        for (long i = s; step > 0 ? i < e : i > e; i += step) r.add((int) i);
        return r;
    }

    @Test
    void sliceMatchesPythonOnEveryStartEndStep() {
        Tensor x = iota(DType.INT32, 7);
        int[] bounds = {-9, -7, -3, -1, 0, 1, 3, 6, 7, 9, Integer.MAX_VALUE, Integer.MIN_VALUE + 1};
        for (int start : bounds) {
            for (int end : bounds) {
                for (int step : new int[] {1, 2, 3, -1, -2, 7, -8, Integer.MAX_VALUE}) {
                    List<Integer> expected = pythonSlice(7, start, end, step);
                    Tensor s = x.slice(0, start, end, step);
                    long[] got = s.toLongArray();
                    assertEquals(expected.size(), got.length, start + ":" + end + ":" + step);
                    for (int i = 0; i < got.length; i++) assertEquals((long) expected.get(i), got[i], start + ":" + end + ":" + step);
                }
            }
        }
    }

    @Test
    void viewsShareDataAndCopiesMatchIndexArithmetic() {
        Tensor x = iota(DType.FLOAT32, 2, 3, 4);
        Tensor t = x.transpose(2, 0, 1);
        assertSame(x.data(), t.data());
        assertEquals(Shape.of(4, 2, 3), t.shape());
        assertFalse(t.isContiguous());
        Tensor c = t.contiguous();
        assertTrue(c.isContiguous());
        for (int i = 0; i < 4; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 3; k++) {
            assertEquals(x.getDouble((j * 3 + k) * 4 + i), c.getDouble((i * 2 + j) * 3 + k));
        }
        Tensor e = x.slice(1, 1, 2, 1).expand(Shape.of(5, 2, 3, 4));
        assertSame(x.data(), e.data());
        Tensor ec = e.copy();
        for (int i = 0; i < ec.size(); i++) {
            int[] idx = Fixtures.unravel(i, new int[] {5, 2, 3, 4});
            assertEquals(x.getDouble((idx[1] * 3 + 1) * 4 + idx[3]), ec.getDouble(i));
        }
        Tensor u = x.unsqueeze(1).unsqueeze(-1);
        assertEquals(Shape.of(2, 1, 3, 4, 1), u.shape());
        assertEquals(x.shape(), u.squeeze(1).squeeze(-1).shape());
        assertThrows(IllegalArgumentException.class, () -> x.squeeze(0));
        // reshape of a non-contiguous view copies, of a contiguous one does not
        assertSame(x.data(), x.reshape(6, 4).data());
        Tensor r = t.reshape(8, 3);
        assertEquals(c.toDoubleArray()[5], r.getDouble(5));
    }

    @Test
    void stridedCopiesOfRandomViewsAgreeWithElementAccess() {
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + rnd.nextInt(4);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) dims[i] = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 40 : 6);
            DType dt = DType.values()[rnd.nextInt(DType.values().length)];
            Tensor base = Fixtures.random(dt, Shape.of(dims), rnd);
            Tensor v = base;
            int[] perm = new int[rank];
            for (int i = 0; i < rank; i++) perm[i] = i;
            for (int i = rank - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int tmp = perm[i]; perm[i] = perm[j]; perm[j] = tmp; }
            v = v.transpose(perm);
            int ax = rnd.nextInt(rank);
            int step = rnd.nextBoolean() ? 1 : -2;
            v = v.slice(ax, step > 0 ? 0 : -1, step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE + 1, step);
            Tensor c = v.copy();
            assertTrue(c.isContiguous());
            for (int i = 0; i < v.size(); i++) assertEquals(v.getDouble(i), c.getDouble(i), "trial " + trial);
            Tensor into = Tensor.zeros(dt, v.shape().rank() == 0 ? v.shape() : v.shape()).transpose();
            if (into.rank() > 0) {
                Tensor target = Tensor.zeros(dt, Shape.of(reverse(v.shape().dims()))).transpose();
                target.copyFrom(v);
                for (int i = 0; i < v.size(); i++) assertEquals(v.getDouble(i), target.getDouble(i), "copyFrom trial " + trial);
            }
        }
    }

    private static int[] reverse(int[] d) {
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) r[i] = d[d.length - 1 - i];
        return r;
    }

    @Test
    void badSizesAreRefusedWithMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 16));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3L, 5_000_000_000L));
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.FLOAT64, Shape.of(Integer.MAX_VALUE - 8)));
        assertTrue(e.getMessage().contains("heap") || e.getMessage().contains("bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(DType.INT64, Shape.of(2), new int[2]));
        e = assertThrows(IllegalArgumentException.class, () -> iota(DType.FLOAT32, 2, 3).reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> iota(DType.FLOAT32, 2, 3).expand(Shape.of(3, 3)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> iota(DType.FLOAT32, 2, 3).transpose(0, 0));
        assertThrows(IllegalArgumentException.class, () -> iota(DType.FLOAT32, 2, 3).copyFrom(iota(DType.FLOAT64, 2, 3)));
    }

    @Test
    void everyDtypeStoresAndDecodes() {
        Tensor u32 = Tensor.fromLongs(DType.UINT32, Shape.of(1), 4_000_000_000L);
        assertEquals(4_000_000_000L, u32.getLong(0));
        Tensor u16 = Tensor.fromLongs(DType.UINT16, Shape.of(1), 65535);
        assertEquals(65535.0, u16.getDouble(0));
        Tensor f16 = Tensor.fromDoubles(DType.FLOAT16, Shape.of(2), 65504, 1e-8);
        assertArrayEquals(new double[] {65504, 0}, f16.toDoubleArray());
        Tensor bf = Tensor.fromDoubles(DType.BFLOAT16, Shape.of(1), 3.0e38);
        // bfloat16 keeps 8 significant bits: 3e38 = 1.763 * 2^127 rounds to 1.765625 * 2^127.
        assertEquals(1.765625 * Math.pow(2, 127), bf.getDouble(0), 0);
        Tensor b = Tensor.full(DType.BOOL, Shape.of(3), 5);
        assertArrayEquals(new long[] {1, 1, 1}, b.toLongArray());
        Tensor f = Tensor.full(DType.INT8, Shape.of(2), 300);
        assertArrayEquals(new long[] {44, 44}, f.toLongArray());
        assertArrayEquals(new float[] {1.5f, 1.5f}, Tensor.full(DType.FLOAT32, Shape.of(2), 1.5).toFloatArray());
    }
}
