package dev.weft.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.Supplier;

/** Random tensors, non-contiguous copies of them, and tolerant comparisons, for the tests. */
public final class Fixtures {
    private Fixtures() {}

    /** Shapes that exercise empty dimensions, size-1 axes and lengths around the vector width. */
    public static final int[][] SHAPES = {
        {}, {1}, {7}, {16}, {17}, {33}, {0}, {3, 0, 2}, {2, 3}, {4, 1, 5}, {2, 3, 19}, {1, 1, 1}, {3, 64}, {2, 2, 3, 5}
    };

    /** Random values suited to the dtype: floats in [-3, 3), integers in [-20, 20) (or [0, 40) unsigned), random bools. */
    public static Tensor random(DType dtype, Shape shape, Random rnd) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            if (dtype == DType.BOOL) t.setLong(i, rnd.nextBoolean() ? 1 : 0);
            else if (dtype.isFloating()) t.setDouble(i, rnd.nextDouble() * 6 - 3);
            else if (dtype.isUnsigned()) t.setLong(i, rnd.nextInt(40));
            else t.setLong(i, rnd.nextInt(40) - 20);
        }
        return t;
    }

    public static Tensor random(DType dtype, Random rnd, int... dims) { return random(dtype, Shape.of(dims), rnd); }

    /**
     * The same elements in a non-contiguous layout: variant 0 is a step-2 slice of a wider
     * tensor, variant 1 a transposed view of a tensor stored with reversed axes, variant 2 the
     * contiguous original.
     */
    public static Tensor relayout(Tensor t, int variant) {
        int rank = t.rank();
        if (variant == 2 || rank == 0) return t;
        int[] dims = t.shape().dims();
        Tensor view;
        if (variant == 0) {
            int[] wide = dims.clone();
            wide[rank - 1] = dims[rank - 1] * 2 + 1;
            view = Tensor.zeros(t.dtype(), Shape.of(wide)).slice(rank - 1, 1, Integer.MAX_VALUE, 2);
            if (view.shape().dim(rank - 1) != dims[rank - 1]) view = view.slice(rank - 1, 0, dims[rank - 1], 1);
        } else {
            int[] rev = new int[rank];
            for (int i = 0; i < rank; i++) rev[i] = dims[rank - 1 - i];
            view = Tensor.zeros(t.dtype(), Shape.of(rev)).transpose();
        }
        view.copyFrom(t);
        assertEquals(t.shape(), view.shape());
        return view;
    }

    /** Runs {@code body} with the Vector API forced off, then restores the property. */
    public static <T> T scalarOnly(Supplier<T> body) {
        String old = System.getProperty("weft.vector");
        System.setProperty("weft.vector", "false");
        try {
            return body.get();
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    /** Elementwise comparison with NaN equal to NaN, infinities equal to themselves, and |e-a| <= atol + rtol*|e|. */
    public static void assertClose(String what, double[] expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.length, actual.size(), what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual.getDouble(i);
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (e == a) continue;
            if (!(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " expected " + e + " but was " + a + " in " + actual);
            }
        }
    }

    public static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertClose(what, expected.toDoubleArray(), actual, rtol, atol);
    }

    /** Exact comparison of the integer values of two tensors of equal shape. */
    public static void assertSameLongs(String what, long[] expected, Tensor actual) {
        assertEquals(expected.length, actual.size(), what + ": size");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual.getLong(i)) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual.getLong(i) + " in " + actual);
            }
        }
    }

    /** The row-major multi-index of flat index {@code flat} in {@code dims}. */
    public static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = dims[i] == 0 ? 0 : flat % dims[i];
            flat = dims[i] == 0 ? 0 : flat / dims[i];
        }
        return idx;
    }

    /** The flat index in a tensor of {@code dims} that broadcast index {@code outIdx} reads (aligned right, size-1 repeats). */
    public static int broadcastSource(int[] outIdx, int[] dims) {
        int shift = outIdx.length - dims.length;
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            int v = dims[i] == 1 ? 0 : outIdx[i + shift];
            flat = flat * dims[i] + v;
        }
        return flat;
    }
}
