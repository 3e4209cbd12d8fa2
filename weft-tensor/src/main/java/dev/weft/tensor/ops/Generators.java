package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** ONNX operators that make tensors from a few numbers: Range, ConstantOfShape, OneHot, EyeLike, Trilu. */
public final class Generators {
    private Generators() {}

    /** ONNX Range: {@code start, start+delta, ...} strictly before {@code limit}, in start's dtype. */
    public static Tensor range(Tensor start, Tensor limit, Tensor delta) {
        DType dt = start.dtype();
        if (dt.isFloating()) {
            double s = start.getDouble(0), l = limit.getDouble(0), d = delta.getDouble(0);
            if (d == 0) throw new IllegalArgumentException("Range: delta must not be 0");
            long n = Math.max(0, (long) Math.ceil((l - s) / d));
            Tensor out = Tensor.zeros(dt, Shape.of(checkCount(n)));
            for (int i = 0; i < n; i++) out.writeDouble(i, s + i * d);
            return out;
        }
        long s = start.getLong(0), l = limit.getLong(0), d = delta.getLong(0);
        if (d == 0) throw new IllegalArgumentException("Range: delta must not be 0");
        long span = l - s;
        long n = d > 0 ? (span <= 0 ? 0 : (span + d - 1) / d) : (span >= 0 ? 0 : (-span + -d - 1) / -d);
        Tensor out = Tensor.zeros(dt, Shape.of(checkCount(n)));
        for (int i = 0; i < n; i++) out.writeLong(i, s + i * d);
        return out;
    }

    private static long checkCount(long n) {
        if (n > Shape.MAX_ELEMENTS) throw new IllegalArgumentException("Range: " + n + " elements are too many for one tensor");
        return n;
    }

    /** ONNX ConstantOfShape: a tensor of the given (int64) shape filled with value's single element (float32 0 if null). */
    public static Tensor constantOfShape(Tensor shape, Tensor value) {
        Shape s = Shape.of(shape.toLongArray());
        if (value == null) return Tensor.zeros(DType.FLOAT32, s);
        if (value.size() != 1) throw new IllegalArgumentException("ConstantOfShape: value must hold one element, got " + value.shape());
        Tensor out = Tensor.zeros(value.dtype(), s);
        Tensor one = value.contiguous();
        for (int i = 0; i < out.size(); i++) System.arraycopy(one.data(), one.offset(), out.data(), i, 1);
        return out;
    }

    /**
     * ONNX OneHot: {@code values = [off, on]}; the depth axis is inserted at {@code axis} (-1 =
     * last). Indices may be any numeric dtype; negative ones count from depth; ones outside
     * {@code [-depth, depth)} give an all-off row.
     */
    public static Tensor oneHot(Tensor indices, long depth, Tensor values, int axis) {
        if (depth <= 0 || depth > Shape.MAX_ELEMENTS) throw new IllegalArgumentException("OneHot: depth must be positive, got " + depth);
        if (values.size() != 2) throw new IllegalArgumentException("OneHot: values must hold [off, on], got " + values.shape());
        int rank = indices.rank() + 1;
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) throw new IllegalArgumentException("OneHot: axis " + axis + " is out of range for output rank " + rank);
        int[] id = indices.shape().dims();
        int[] od = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) od[i] = i == ax ? (int) depth : id[j++];
        Tensor out = Tensor.zeros(values.dtype(), Shape.of(od));
        Tensor vc = values.contiguous();
        for (int i = 0; i < out.size(); i++) System.arraycopy(vc.data(), vc.offset(), out.data(), i, 1);
        int inner = 1;
        for (int i = ax; i < id.length; i++) inner *= id[i];
        double[] idx = indices.toDoubleArray();
        for (int i = 0; i < idx.length; i++) {
            long v = (long) idx[i];
            if (v < 0) v += depth;
            if (v < 0 || v >= depth) continue;
            int outer = i / Math.max(inner, 1), in = i % Math.max(inner, 1);
            int pos = (int) ((outer * depth + v) * inner + in);
            System.arraycopy(vc.data(), vc.offset() + 1, out.data(), pos, 1);
        }
        return out;
    }

    /** ONNX EyeLike: ones on diagonal {@code k} of a 2-D shape, in {@code dtype}. */
    public static Tensor eyeLike(Shape shape, int k, DType dtype) {
        if (shape.rank() != 2) throw new IllegalArgumentException("EyeLike needs a 2-D shape, got " + shape);
        Tensor out = Tensor.zeros(dtype, shape);
        int rows = shape.dim(0), cols = shape.dim(1);
        for (int i = 0; i < rows; i++) {
            int j = i + k;
            if (j >= 0 && j < cols) out.setDouble(i * cols + j, 1);
        }
        return out;
    }

    /**
     * ONNX Trilu over the last two axes: {@code upper} keeps elements with {@code j - i >= k},
     * lower keeps {@code j - i <= k}; the rest become 0.
     */
    public static Tensor trilu(Tensor x, long k, boolean upper) {
        Args.rank("Trilu", x, 2);
        Tensor out = x.copy();
        int rows = x.shape().dim(-2), cols = x.shape().dim(-1);
        int mats = rows * cols == 0 ? 0 : x.size() / (rows * cols);
        Tensor zero = Tensor.zeros(x.dtype(), Shape.scalar());
        for (int m = 0; m < mats; m++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    long diff = (long) j - i;
                    boolean keep = upper ? diff >= k : diff <= k;
                    if (!keep) System.arraycopy(zero.data(), 0, out.data(), (m * rows + i) * cols + j, 1);
                }
            }
        }
        return out;
    }

    /** The window functions of ONNX's signal ops. */
    public enum Window { HANN, HAMMING, BLACKMAN }

    /**
     * ONNX HannWindow, HammingWindow, BlackmanWindow: {@code size} samples, periodic (the
     * denominator is size) or symmetric (size - 1), in {@code dtype}.
     */
    public static Tensor window(Window kind, long size, boolean periodic, DType dtype) {
        if (size < 0 || size > Shape.MAX_ELEMENTS) throw new IllegalArgumentException("window size " + size + " is invalid");
        Tensor out = Tensor.zeros(dtype, Shape.of(size));
        double n = periodic ? size : size - 1;
        for (int i = 0; i < size; i++) {
            double a = 2 * Math.PI * i / n;
            double v = switch (kind) {
                case HANN -> 0.5 - 0.5 * Math.cos(a);
                case HAMMING -> 25.0 / 46 - 21.0 / 46 * Math.cos(a);
                case BLACKMAN -> 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
            };
            out.writeDouble(i, v);
        }
        return out;
    }
}
