package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * Comparisons with broadcasting (ONNX Equal, Less, LessOrEqual, Greater, GreaterOrEqual) and the
 * float predicates IsNaN and IsInf. Results are bool tensors. Integers compare exactly (uint64
 * unsigned); floats compare in double, which is exact for every float dtype.
 */
public final class Compare {
    private Compare() {}

    /** {@code op(a, b)} after broadcasting; both operands must have the same dtype. */
    public static Tensor apply(CompareOp op, Tensor a, Tensor b) {
        Args.sameDtype(op.name(), a, b);
        Shape shape = Args.broadcast(op.name(), a.shape(), b.shape());
        return into(op, a, b, Tensor.zeros(DType.BOOL, shape));
    }

    /** {@code op(a, b)} written into a bool output of the broadcast shape. */
    public static Tensor into(CompareOp op, Tensor a, Tensor b, Tensor out) {
        Args.sameDtype(op.name(), a, b);
        Shape shape = Args.broadcast(op.name(), a.shape(), b.shape());
        Args.output(op.name(), out, DType.BOOL, shape);
        Tensor ea = a.expand(shape), eb = b.expand(shape);
        byte[] os = out.byteData();
        Tensor[] ops = {ea, eb, out};
        DType dt = a.dtype();
        if (dt == DType.FLOAT32) {
            float[] as = ea.floatData(), bs = eb.floatData();
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    os[pos[2] + i * step[2]] = op.test(as[pos[0] + i * step[0]], bs[pos[1] + i * step[1]]) ? (byte) 1 : 0;
                }
            });
        } else if (dt.isFloating()) {
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    boolean r = op.test(ea.readDouble(pos[0] + i * step[0]), eb.readDouble(pos[1] + i * step[1]));
                    os[pos[2] + i * step[2]] = r ? (byte) 1 : 0;
                }
            });
        } else {
            boolean unsigned = dt == DType.UINT64;
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    boolean r = op.test(ea.readLong(pos[0] + i * step[0]), eb.readLong(pos[1] + i * step[1]), unsigned);
                    os[pos[2] + i * step[2]] = r ? (byte) 1 : 0;
                }
            });
        }
        return out;
    }

    public static Tensor equal(Tensor a, Tensor b) { return apply(CompareOp.EQUAL, a, b); }
    public static Tensor less(Tensor a, Tensor b) { return apply(CompareOp.LESS, a, b); }
    public static Tensor lessOrEqual(Tensor a, Tensor b) { return apply(CompareOp.LESS_OR_EQUAL, a, b); }
    public static Tensor greater(Tensor a, Tensor b) { return apply(CompareOp.GREATER, a, b); }
    public static Tensor greaterOrEqual(Tensor a, Tensor b) { return apply(CompareOp.GREATER_OR_EQUAL, a, b); }

    /** ONNX IsNaN. Integer tensors have no NaN, so they give all false. */
    public static Tensor isNaN(Tensor x) {
        return predicate(x, Double::isNaN);
    }

    /** ONNX IsInf with its detect_positive / detect_negative switches. */
    public static Tensor isInf(Tensor x, boolean detectPositive, boolean detectNegative) {
        return predicate(x, v -> (detectPositive && v == Double.POSITIVE_INFINITY)
                || (detectNegative && v == Double.NEGATIVE_INFINITY));
    }

    private static Tensor predicate(Tensor x, java.util.function.DoublePredicate p) {
        Tensor out = Tensor.zeros(DType.BOOL, x.shape());
        if (!x.dtype().isFloating()) return out;
        byte[] os = out.byteData();
        StridedLoop.forEachRow(x.shape(), new Tensor[] {x, out}, (pos, step, len) -> {
            for (int i = 0; i < len; i++) os[pos[1] + i * step[1]] = p.test(x.readDouble(pos[0] + i * step[0])) ? (byte) 1 : 0;
        });
        return out;
    }
}
