package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Elementwise maps with NumPy broadcasting, in any dtype: integers go through a long function
 * (exact, wrapping on store like C), floating types through a double function. float32 operands
 * read and write their arrays directly.
 */
final class Maps {
    private Maps() {}

    /** {@code f(x)} elementwise in dtype {@code out}; {@code g} (nullable) handles integer inputs exactly. */
    static Tensor unary(Tensor x, DType out, DoubleUnaryOperator f, LongUnaryOperator g) {
        Tensor y = Tensor.zeros(out, x.shape());
        int n = x.size();
        if (x.dtype() == DType.FLOAT32 && out == DType.FLOAT32 && x.isContiguous()) {
            float[] xd = x.floatData(), yd = y.floatData();
            int off = x.offset();
            for (int i = 0; i < n; i++) yd[i] = (float) f.applyAsDouble(xd[off + i]);
            return y;
        }
        int[] px = Indexing.positions(x);
        if (x.dtype() == DType.FLOAT32 && out == DType.FLOAT32) {
            float[] xd = x.floatData(), yd = y.floatData();
            for (int i = 0; i < n; i++) yd[i] = (float) f.applyAsDouble(xd[px[i]]);
        } else if (g != null && !x.dtype().isFloating() && !out.isFloating()) {
            for (int i = 0; i < n; i++) y.writeLong(i, g.applyAsLong(x.readLong(px[i])));
        } else {
            for (int i = 0; i < n; i++) y.writeDouble(i, f.applyAsDouble(x.readDouble(px[i])));
        }
        return y;
    }

    /** {@code f(a, b)} with broadcasting in dtype {@code out}; {@code g} (nullable) is the exact integer version. */
    static Tensor binary(Tensor a, Tensor b, DType out, DoubleBinaryOperator f, LongBinaryOperator g) {
        Shape shape = Shape.broadcast(a.shape(), b.shape());
        Tensor y = Tensor.zeros(out, shape);
        int n = shape.size();
        if (n == 0) return y;
        if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 && out == DType.FLOAT32
                && a.shape().equals(shape) && b.shape().equals(shape) && a.isContiguous() && b.isContiguous()) {
            float[] ad = a.floatData(), bd = b.floatData(), yd = y.floatData();
            int ao = a.offset(), bo = b.offset();
            for (int i = 0; i < n; i++) yd[i] = (float) f.applyAsDouble(ad[ao + i], bd[bo + i]);
            return y;
        }
        int[] pa = Indexing.positions(a.expand(shape));
        int[] pb = Indexing.positions(b.expand(shape));
        if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 && out == DType.FLOAT32) {
            float[] ad = a.floatData(), bd = b.floatData(), yd = y.floatData();
            for (int i = 0; i < n; i++) yd[i] = (float) f.applyAsDouble(ad[pa[i]], bd[pb[i]]);
        } else if (g != null && !a.dtype().isFloating() && !b.dtype().isFloating()) {
            for (int i = 0; i < n; i++) y.writeLong(i, g.applyAsLong(a.readLong(pa[i]), b.readLong(pb[i])));
        } else {
            for (int i = 0; i < n; i++) y.writeDouble(i, f.applyAsDouble(a.readDouble(pa[i]), b.readDouble(pb[i])));
        }
        return y;
    }

    /** Requires equal dtypes for a binary op, naming them. */
    static void sameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operand dtypes differ: " + a.dtype() + a.shape() + " and "
                    + b.dtype() + b.shape());
        }
    }
}
