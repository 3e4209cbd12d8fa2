package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatSimd;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise unary maps in every dtype. Contiguous float32 runs use the Vector API when
 * {@link VectorSupport#enabled()}; everything else runs a scalar loop over strided views, so inputs
 * need not be contiguous. The {@code into} forms write a preallocated output of the input's
 * shape and dtype (which may be the input itself).
 */
public final class Unary {
    private Unary() {}

    /** {@code op(x)} in a new tensor of x's shape and dtype. */
    public static Tensor apply(UnaryOp op, Tensor x) {
        return into(op, x, Tensor.uninitialized(x.dtype(), x.shape()));
    }

    /** {@code op(x)} written into {@code out}; returns {@code out}. */
    public static Tensor into(UnaryOp op, Tensor x, Tensor out) {
        Args.output(op.name(), out, x.dtype(), x.shape());
        DType dt = x.dtype();
        if (op == UnaryOp.BITWISE_NOT && dt.isFloating()) {
            throw new IllegalArgumentException("BitwiseNot needs an integer or bool tensor, not " + dt + x.shape());
        }
        if (dt == DType.FLOAT32 && x.isContiguous() && out.isContiguous()) {
            // Dense operands: one run, with nothing allocated for the strided walk.
            float[] xs = x.floatData(), os = out.floatData();
            int px = x.offset(), po = out.offset(), n = x.size();
            int done = VectorSupport.enabled() ? FloatSimd.unary(op, xs, px, os, po, n) : 0;
            for (int i = done; i < n; i++) os[po + i] = (float) op.apply(xs[px + i]);
            return out;
        }
        Tensor[] ops = {x, out};
        if (dt == DType.FLOAT32) {
            float[] xs = x.floatData();
            float[] os = out.floatData();
            boolean simd = VectorSupport.enabled();
            StridedLoop.forEachRow(x.shape(), ops, (pos, step, len) -> {
                int px = pos[0], po = pos[1], sx = step[0], so = step[1];
                int done = simd && sx == 1 && so == 1 ? FloatSimd.unary(op, xs, px, os, po, len) : 0;
                for (int i = done; i < len; i++) os[po + i * so] = (float) op.apply(xs[px + i * sx]);
            });
        } else if (dt == DType.BOOL && op == UnaryOp.BITWISE_NOT) {
            return Logical.notInto(x, out);
        } else if (dt.isFloating() || !op.hasIntegerForm()) {
            StridedLoop.forEachRow(x.shape(), ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    out.writeDouble(pos[1] + i * step[1], op.apply(x.readDouble(pos[0] + i * step[0])));
                }
            });
        } else {
            boolean unsigned = dt.isUnsigned();
            StridedLoop.forEachRow(x.shape(), ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    long v = x.readLong(pos[0] + i * step[0]);
                    long r = unsigned && (op == UnaryOp.ABS || op == UnaryOp.RELU) ? v
                            : unsigned && op == UnaryOp.SIGN ? (v != 0 ? 1 : 0) : op.applyLong(v);
                    out.writeLong(pos[1] + i * step[1], r);
                }
            });
        }
        return out;
    }

    /** Any double function applied elementwise (computed in double, stored in x's dtype). */
    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        return mapInto(x, f, Tensor.uninitialized(x.dtype(), x.shape()));
    }

    /** {@link #map} into a preallocated output; returns {@code out}. */
    public static Tensor mapInto(Tensor x, DoubleUnaryOperator f, Tensor out) {
        Args.output("map", out, x.dtype(), x.shape());
        Tensor[] ops = {x, out};
        if (x.dtype() == DType.FLOAT32) {
            float[] xs = x.floatData();
            float[] os = out.floatData();
            StridedLoop.forEachRow(x.shape(), ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    os[pos[1] + i * step[1]] = (float) f.applyAsDouble(xs[pos[0] + i * step[0]]);
                }
            });
        } else {
            StridedLoop.forEachRow(x.shape(), ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    out.writeDouble(pos[1] + i * step[1], f.applyAsDouble(x.readDouble(pos[0] + i * step[0])));
                }
            });
        }
        return out;
    }

    public static Tensor neg(Tensor x) { return apply(UnaryOp.NEG, x); }
    public static Tensor abs(Tensor x) { return apply(UnaryOp.ABS, x); }
    public static Tensor exp(Tensor x) { return apply(UnaryOp.EXP, x); }
    public static Tensor log(Tensor x) { return apply(UnaryOp.LOG, x); }
    public static Tensor sqrt(Tensor x) { return apply(UnaryOp.SQRT, x); }
    public static Tensor reciprocal(Tensor x) { return apply(UnaryOp.RECIPROCAL, x); }
    public static Tensor sigmoid(Tensor x) { return apply(UnaryOp.SIGMOID, x); }
    public static Tensor tanh(Tensor x) { return apply(UnaryOp.TANH, x); }
    public static Tensor relu(Tensor x) { return apply(UnaryOp.RELU, x); }
    public static Tensor erf(Tensor x) { return apply(UnaryOp.ERF, x); }
    public static Tensor gelu(Tensor x) { return apply(UnaryOp.GELU, x); }
    public static Tensor floor(Tensor x) { return apply(UnaryOp.FLOOR, x); }
    public static Tensor ceil(Tensor x) { return apply(UnaryOp.CEIL, x); }
    public static Tensor round(Tensor x) { return apply(UnaryOp.ROUND, x); }
    public static Tensor sign(Tensor x) { return apply(UnaryOp.SIGN, x); }
}
