package dev.weft.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first. Immutable.
 *
 * <p>A shape of rank 0 is a scalar and has one element. A dimension may be 0 (an empty
 * tensor). The element count must fit in a Java array; a shape whose product overflows
 * that is refused here, so no kernel ever sees one.
 */
public final class Shape {
    /** The most elements one tensor may hold: the largest safe Java array length. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Shape SCALAR = new Shape(new int[0], 1);

    private final int[] dims;
    private final int size;
    private int[] strides; // lazily; see sharedStrides

    private Shape(int[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    /** A shape with the given dimensions; each must be ≥ 0 and their product at most {@link #MAX_ELEMENTS}. */
    public static Shape of(int... dims) {
        if (dims.length == 0) return SCALAR;
        int[] copy = dims.clone();
        return new Shape(copy, checkedSize(copy));
    }

    /** Like {@link #of(int...)} for dimensions given as longs (ONNX stores them so); refuses any that do not fit. */
    public static Shape of(long... dims) {
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > MAX_ELEMENTS) {
                throw new IllegalArgumentException("dimension " + i + " of shape " + Arrays.toString(dims)
                        + " is " + dims[i] + "; dimensions must be between 0 and " + MAX_ELEMENTS);
            }
            ints[i] = (int) dims[i];
        }
        return of(ints);
    }

    /** The rank-0 shape of a scalar. */
    public static Shape scalar() { return SCALAR; }

    private static int checkedSize(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("dimension " + i + " of shape " + Arrays.toString(dims)
                        + " is negative (" + dims[i] + ")");
            }
            n *= dims[i];
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
                        + MAX_ELEMENTS + " elements, the most one tensor can hold");
            }
        }
        return (int) n;
    }

    public int rank() { return dims.length; }

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public int size() { return size; }

    /** Dimension {@code axis}; a negative axis counts from the end, as in NumPy. */
    public int dim(int axis) { return dims[normalizeAxis(axis)]; }

    /** A copy of the dimensions. */
    public int[] dims() { return dims.clone(); }

    /** The dimensions as longs, the way ONNX writes them. */
    public long[] toLongArray() {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) out[i] = dims[i];
        return out;
    }

    /** Resolves a possibly negative axis against this rank, or says which axis was out of range. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this
                    + " of rank " + dims.length);
        }
        return a;
    }

    /** Row-major (C order) strides of a contiguous tensor of this shape, in elements. */
    public int[] contiguousStrides() { return sharedStrides().clone(); }

    /**
     * The contiguous strides, computed once per shape and shared by the tensors laid out that way,
     * so that allocating a tensor does not allocate its strides. Callers must not modify the array.
     * (A benign race: two threads may each compute it; both arrays are equal.)
     */
    int[] sharedStrides() {
        int[] s = strides;
        if (s == null) strides = s = computeStrides();
        return s;
    }

    private int[] computeStrides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /**
     * The NumPy broadcast of two shapes: aligned at the right, each pair of dimensions must be
     * equal or one of them 1.
     *
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b) {
        // Most operands already have the result's shape or broadcast to the other's: no new shape.
        if (b.broadcastsTo(a)) return a;
        if (a.broadcastsTo(b)) return b;
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b
                        + " do not broadcast: dimension " + i + " is " + da + " against " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return of(out);
    }

    /** True when this shape can be broadcast to {@code target} (as {@link Tensor#expand} needs). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) return false;
        int shift = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + shift]) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** Written as {@code [2, 3]}; a scalar is {@code []}. */
    @Override
    public String toString() { return Arrays.toString(dims); }
}
