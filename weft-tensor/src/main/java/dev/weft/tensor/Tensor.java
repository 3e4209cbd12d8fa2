package dev.weft.tensor;

import dev.weft.tensor.memory.BufferPool;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense n-dimensional array: a {@link DType}, a {@link Shape}, and a strided view over one
 * Java primitive array.
 *
 * <p>Element {@code (i0, ..., ik)} lives at {@code data[offset + i0*strides[0] + ... + ik*strides[k]]}.
 * Views ({@link #reshape}, {@link #transpose}, {@link #slice}, {@link #expand}, {@link #unsqueeze},
 * {@link #squeeze}) share the array and copy nothing; an expanded dimension has stride 0.
 * Kernels that want plain row-major data call {@link #contiguous()}, which copies only when needed.
 *
 * <p>Factories that take an array ({@link #of(float[], int...)} and friends, {@link #wrap}) take
 * ownership of it without copying: the caller must not change it afterwards.
 *
 * <p><b>Thread safety.</b> A tensor is not synchronized. Machines hand tensors between threads
 * through channels, whose hand-off makes every write before it visible to the reader; after
 * that, concurrent reads are safe and concurrent writes are the caller's business.
 */
public final class Tensor {
    private final DType dtype;
    private final Shape shape;
    private final int[] strides;
    private final int offset;
    private final Object data;

    Tensor(DType dtype, Shape shape, int[] strides, int offset, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.data = data;
    }

    // ---------------------------------------------------------------- factories

    /** A new zero-filled contiguous tensor (false for bool). */
    public static Tensor zeros(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        checkFitsInMemory(dtype, shape);
        // Inside a machine's run, arrays come from its pool (see dev.weft.tensor.memory.BufferPool).
        if (!BufferPool.CURRENT.isBound()) return new Tensor(dtype, shape, shape.sharedStrides(), 0, dtype.newArray(shape.size()));
        return pooled(BufferPool.CURRENT.get().takeEntry(dtype, shape.size()), dtype, shape);
    }

    /**
     * A new contiguous tensor whose elements are unspecified: inside a machine's run its array may
     * be a reused one that still holds an earlier value's elements (outside a run it is a new,
     * zeroed array). For ops that write every element of their output before reading any; an op
     * that accumulates into its output ({@code +=}) must use {@link #zeros} instead. It saves the
     * zero fill that {@code zeros} does on a reused array.
     */
    public static Tensor uninitialized(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        checkFitsInMemory(dtype, shape);
        if (!BufferPool.CURRENT.isBound()) return new Tensor(dtype, shape, shape.sharedStrides(), 0, dtype.newArray(shape.size()));
        return pooled(BufferPool.CURRENT.get().takeDirtyEntry(dtype, shape.size()), dtype, shape);
    }

    /**
     * A contiguous tensor over what the pool handed out: an array, or the tensor that array was
     * released with, returned as it is when it already is exactly the tensor asked for.
     */
    private static Tensor pooled(Object entry, DType dtype, Shape shape) {
        if (entry instanceof Tensor t) {
            if (t.dtype == dtype && t.offset == 0 && t.shape.equals(shape) && t.isContiguous()) return t;
            entry = t.data;
        }
        return new Tensor(dtype, shape, shape.sharedStrides(), 0, entry);
    }

    /** A new contiguous tensor of the given shape with every element equal to {@code value}. */
    public static Tensor full(DType dtype, Shape shape, double value) {
        Tensor t = zeros(dtype, shape);
        if (value != 0 && t.size() > 0) {
            t.writeDouble(0, value);
            switch (t.data) {
                case float[] a -> Arrays.fill(a, a[0]);
                case double[] a -> Arrays.fill(a, a[0]);
                case long[] a -> Arrays.fill(a, a[0]);
                case int[] a -> Arrays.fill(a, a[0]);
                case short[] a -> Arrays.fill(a, a[0]);
                case byte[] a -> Arrays.fill(a, a[0]);
                default -> throw new IllegalStateException();
            }
        }
        return t;
    }

    /**
     * Wraps an existing array as a contiguous tensor without copying.
     *
     * @throws IllegalArgumentException if the array is not {@code dtype}'s storage kind or its
     *                                  length is not the shape's element count
     */
    public static Tensor wrap(DType dtype, Shape shape, Object array) {
        Objects.requireNonNull(array, "array");
        int length = storageLength(dtype, array);
        if (length != shape.size()) {
            throw new IllegalArgumentException("an array of " + length + " elements cannot back a "
                    + dtype + " tensor of shape " + shape + ", which has " + shape.size());
        }
        return new Tensor(dtype, shape, shape.sharedStrides(), 0, array);
    }

    /** A float32 tensor over {@code data} (not copied) with the given dimensions. */
    public static Tensor of(float[] data, int... dims) { return wrap(DType.FLOAT32, Shape.of(dims), data); }

    /** A float64 tensor over {@code data} (not copied) with the given dimensions. */
    public static Tensor of(double[] data, int... dims) { return wrap(DType.FLOAT64, Shape.of(dims), data); }

    /** An int64 tensor over {@code data} (not copied) with the given dimensions. */
    public static Tensor of(long[] data, int... dims) { return wrap(DType.INT64, Shape.of(dims), data); }

    /** An int32 tensor over {@code data} (not copied) with the given dimensions. */
    public static Tensor of(int[] data, int... dims) { return wrap(DType.INT32, Shape.of(dims), data); }

    /** A new contiguous tensor of any dtype holding {@code values} (row-major) converted to it. */
    public static Tensor fromDoubles(DType dtype, Shape shape, double... values) {
        checkCount(shape, values.length);
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) t.writeDouble(i, values[i]);
        return t;
    }

    /** A new contiguous tensor of any dtype holding {@code values} (row-major) converted exactly (integers wrap). */
    public static Tensor fromLongs(DType dtype, Shape shape, long... values) {
        checkCount(shape, values.length);
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) {
            if (dtype.isFloating()) t.writeDouble(i, values[i]);
            else t.writeLong(i, values[i]);
        }
        return t;
    }

    /** A new bool tensor holding {@code values} with the given dimensions. */
    public static Tensor ofBools(boolean[] values, int... dims) {
        Shape shape = Shape.of(dims);
        checkCount(shape, values.length);
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) b[i] = values[i] ? (byte) 1 : 0;
        return wrap(DType.BOOL, shape, b);
    }

    private static void checkCount(Shape shape, int given) {
        if (given != shape.size()) {
            throw new IllegalArgumentException(given + " values cannot fill a tensor of shape " + shape
                    + ", which has " + shape.size() + " elements");
        }
    }

    /** A float32 scalar. */
    public static Tensor scalar(float value) { return of(new float[] {value}); }

    /** A float64 scalar. */
    public static Tensor scalar(double value) { return of(new double[] {value}); }

    /** A scalar of any dtype holding {@code value} converted to it. */
    public static Tensor scalar(DType dtype, double value) { return full(dtype, Shape.scalar(), value); }

    private static int storageLength(DType dtype, Object array) {
        return switch (dtype.storage()) {
            case FLOAT -> array instanceof float[] a ? a.length : wrongArray(dtype, array);
            case DOUBLE -> array instanceof double[] a ? a.length : wrongArray(dtype, array);
            case LONG -> array instanceof long[] a ? a.length : wrongArray(dtype, array);
            case INT -> array instanceof int[] a ? a.length : wrongArray(dtype, array);
            case SHORT -> array instanceof short[] a ? a.length : wrongArray(dtype, array);
            case BYTE -> array instanceof byte[] a ? a.length : wrongArray(dtype, array);
        };
    }

    private static int wrongArray(DType dtype, Object array) {
        throw new IllegalArgumentException("a " + dtype + " tensor is stored in a "
                + dtype.storage().name().toLowerCase(java.util.Locale.ROOT) + "[] array, not in "
                + array.getClass().getSimpleName());
    }

    /**
     * Refuses a tensor whose bytes exceed what the heap could ever hold, with a message, rather
     * than letting the allocation fail with an OutOfMemoryError deep inside a kernel.
     */
    static void checkFitsInMemory(DType dtype, Shape shape) {
        long bytes = (long) shape.size() * dtype.byteSize();
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException("a " + dtype + " tensor of shape " + shape + " needs " + bytes
                    + " bytes, more than this JVM's maximum heap of " + max + " bytes");
        }
    }

    // ---------------------------------------------------------------- properties

    public DType dtype() { return dtype; }

    public Shape shape() { return shape; }

    public int rank() { return shape.rank(); }

    /** Number of elements. */
    public int size() { return shape.size(); }

    /** A copy of the strides, in elements. */
    public int[] strides() { return strides.clone(); }

    /** Stride of one axis, in elements. */
    public int stride(int axis) { return strides[shape.normalizeAxis(axis)]; }

    /** Index in {@link #data()} of the first element. */
    public int offset() { return offset; }

    /** The backing array (shared, not copied); see {@link DType#storage()} for its type. */
    public Object data() { return data; }

    /** The backing {@code float[]} of a float32 tensor. Mind {@link #offset()} and {@link #strides()}. */
    public float[] floatData() { return (float[]) typed(DType.Storage.FLOAT); }

    /** The backing {@code double[]} of a float64 tensor. */
    public double[] doubleData() { return (double[]) typed(DType.Storage.DOUBLE); }

    /** The backing {@code long[]} of an int64 or uint64 tensor. */
    public long[] longData() { return (long[]) typed(DType.Storage.LONG); }

    /** The backing {@code int[]} of an int32 or uint32 tensor. */
    public int[] intData() { return (int[]) typed(DType.Storage.INT); }

    /** The backing {@code short[]} of an int16, uint16, float16 or bfloat16 tensor. */
    public short[] shortData() { return (short[]) typed(DType.Storage.SHORT); }

    /** The backing {@code byte[]} of an int8, uint8 or bool tensor. */
    public byte[] byteData() { return (byte[]) typed(DType.Storage.BYTE); }

    private Object typed(DType.Storage want) {
        if (dtype.storage() != want) {
            throw new IllegalStateException("a " + dtype + " tensor is not stored as "
                    + want.name().toLowerCase(java.util.Locale.ROOT) + "[]");
        }
        return data;
    }

    /** True when the elements are laid out row-major with no gaps, so {@code data[offset + i]} is element i. */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d == 0) return true;
            if (d != 1 && strides[i] != expected) return false;
            expected *= d;
        }
        return true;
    }

    // ---------------------------------------------------------------- element access (general, not fast)

    /** Position in {@link #data()} of the element with row-major index {@code flat}. */
    public int storageIndex(int flat) {
        if (flat < 0 || flat >= shape.size()) {
            throw new IndexOutOfBoundsException("element " + flat + " of a tensor of shape " + shape);
        }
        int pos = offset;
        for (int i = shape.rank() - 1; i >= 0 && flat > 0; i--) {
            int d = shape.dim(i);
            pos += (flat % d) * strides[i];
            flat /= d;
        }
        return pos;
    }

    /** Position in {@link #data()} of the element at the given multi-index. */
    public int storageIndex(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + " but the tensor has shape " + shape);
        }
        int pos = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape " + shape);
            }
            pos += index[i] * strides[i];
        }
        return pos;
    }

    /** Element {@code flat} (row-major) converted to double; unsigned and 16-bit float types are decoded. */
    public double getDouble(int flat) { return readDouble(storageIndex(flat)); }

    /** Element {@code flat} (row-major) converted to long (floats truncate toward zero). */
    public long getLong(int flat) { return readLong(storageIndex(flat)); }

    /** Sets element {@code flat} (row-major) to {@code value} converted to this dtype. */
    public void setDouble(int flat, double value) { writeDouble(storageIndex(flat), value); }

    /** Sets element {@code flat} (row-major) to {@code value} converted to this dtype, exactly for integers. */
    public void setLong(int flat, long value) { writeLong(storageIndex(flat), value); }

    /** The value at storage position {@code pos} as a double. */
    public double readDouble(int pos) { return ElementCodec.readDouble(dtype, data, pos); }

    /** The value at storage position {@code pos} as a long (floats truncate toward zero). */
    public long readLong(int pos) { return ElementCodec.readLong(dtype, data, pos); }

    /** Stores {@code value} converted to this dtype at storage position {@code pos}. */
    public void writeDouble(int pos, double value) { ElementCodec.writeDouble(dtype, data, pos, value); }

    /** Stores {@code value} converted to this dtype at storage position {@code pos}; integers wrap as in C. */
    public void writeLong(int pos, long value) { ElementCodec.writeLong(dtype, data, pos, value); }

    /** Rounds a float to the nearest bfloat16 (ties to even), keeping NaN a NaN. */
    public static short floatToBfloat16(float f) { return ElementCodec.floatToBfloat16(f); }

    // ---------------------------------------------------------------- views

    /**
     * The same elements with another shape of equal size: a view when this tensor is contiguous,
     * else a contiguous copy.
     */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape a tensor of shape " + shape + " (" + shape.size()
                    + " elements) to " + newShape + " (" + newShape.size() + " elements)");
        }
        Tensor source = isContiguous() ? this : contiguous();
        return new Tensor(dtype, newShape, newShape.sharedStrides(), source.offset, source.data);
    }

    /** {@link #reshape(Shape)} with the dimensions given directly. */
    public Tensor reshape(int... dims) { return reshape(Shape.of(dims)); }

    /**
     * A view with the axes permuted: axis i of the result is axis {@code perm[i]} of this tensor.
     * With no argument, the axes are reversed (as in NumPy).
     */
    public Tensor transpose(int... perm) { return Views.transpose(this, perm); }

    /**
     * A view of elements {@code start, start+step, ...} before {@code end} along {@code axis}.
     * Bounds are clamped as in NumPy; negative values count from the end; step may be negative.
     */
    public Tensor slice(int axis, int start, int end, int step) { return Views.slice(this, axis, start, end, step); }

    /** A view broadcast to {@code target} (NumPy rules): repeated dimensions get stride 0. */
    public Tensor expand(Shape target) { return Views.expand(this, target); }

    /** A view with a new axis of size 1 inserted at {@code axis} (which may be {@code rank()}). */
    public Tensor unsqueeze(int axis) { return Views.unsqueeze(this, axis); }

    /** A view without axis {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) { return Views.squeeze(this, axis); }

    // ---------------------------------------------------------------- copies

    /** This tensor if it is contiguous with offset 0, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() && offset == 0 && storageLength(dtype, data) == shape.size() ? this : copy();
    }

    /** A new contiguous tensor with the same dtype, shape and elements. */
    public Tensor copy() {
        Tensor out = uninitialized(dtype, shape);
        if (shape.size() == 0) return out;
        if (isContiguous()) {
            System.arraycopy(data, offset, out.data, 0, shape.size());
        } else {
            StridedCopy.copy(this, out);
        }
        return out;
    }

    /**
     * Copies {@code src}'s elements into this tensor, which may be any view (strided, but not
     * expanded: a stride-0 destination would be written several times). The shapes must be
     * equal and the dtypes must match.
     */
    public Tensor copyFrom(Tensor src) {
        if (src.dtype != dtype || !src.shape.equals(shape)) {
            throw new IllegalArgumentException("cannot copy a " + src.dtype + src.shape + " tensor into a "
                    + dtype + shape + " one");
        }
        StridedCopy.copy(src, this);
        return this;
    }

    /** A new tensor holding these elements converted to {@code target} (this tensor when already that dtype). */
    public Tensor castTo(DType target) {
        if (target == dtype) return this;
        return Conversions.cast(this, target);
    }

    /** The elements in row-major order as a new float array. */
    public float[] toFloatArray() {
        Tensor c = contiguous();
        float[] out = new float[size()];
        if (dtype == DType.FLOAT32) System.arraycopy(c.data, c.offset, out, 0, out.length);
        else for (int i = 0; i < out.length; i++) out[i] = (float) c.readDouble(c.offset + i);
        return out;
    }

    /** The elements in row-major order as a new double array. */
    public double[] toDoubleArray() {
        Tensor c = contiguous();
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) out[i] = c.readDouble(c.offset + i);
        return out;
    }

    /** The elements in row-major order as a new long array. */
    public long[] toLongArray() {
        Tensor c = contiguous();
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) out[i] = c.readLong(c.offset + i);
        return out;
    }

    /** {@code float32[2, 3]} followed by up to the first 8 elements. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(dtype).append(shape).append(' ').append('{');
        int shown = Math.min(size(), 8);
        for (int i = 0; i < shown; i++) {
            if (i > 0) sb.append(", ");
            if (dtype.isFloating()) sb.append(getDouble(i));
            else sb.append(getLong(i));
        }
        if (shown < size()) sb.append(", ...");
        return sb.append('}').toString();
    }
}
