package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatBinary;

/**
 * Elementwise binary maps with NumPy broadcasting, in every dtype. Both operands must have the
 * same dtype (except for {@link #pow}, whose exponent may differ, as in ONNX); the result has
 * that dtype. Float32 runs whose operands are contiguous, or one of which is a broadcast scalar,
 * use the Vector API when {@link VectorSupport#enabled()}. Operands may be any strided views.
 *
 * <p>The {@code into} forms write a preallocated output of the broadcast shape; it may be one of
 * the operands when that operand already has the output's shape and layout.
 */
public final class Binary {
    private Binary() {}

    /** {@code op(a, b)} after broadcasting, in a new tensor. */
    public static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        checkDtypes(op, a, b);
        Shape shape = Args.broadcast(op.name(), a.shape(), b.shape());
        return run(op, a, b, Tensor.uninitialized(a.dtype(), shape));
    }

    /** {@code op(a, b)} written into {@code out}, which must have the broadcast shape and a's dtype. */
    public static Tensor into(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        checkDtypes(op, a, b);
        Shape shape = Args.broadcast(op.name(), a.shape(), b.shape());
        Args.output(op.name(), out, a.dtype(), shape);
        return run(op, a, b, out);
    }

    private static void checkDtypes(BinaryOp op, Tensor a, Tensor b) {
        if (op != BinaryOp.POW) Args.sameDtype(op.name(), a, b);
        if (!op.hasFloatForm() && a.dtype().isFloating()) {
            throw new IllegalArgumentException(op + " needs integer tensors, not " + a.dtype() + a.shape());
        }
    }

    private static Tensor run(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape shape = out.shape();
        Tensor ea = a.expand(shape);
        Tensor eb = b.expand(shape);
        Tensor[] ops = {ea, eb, out};
        DType dt = a.dtype();
        if (dt == DType.FLOAT32 && b.dtype() == DType.FLOAT32) {
            float32(op, ea, eb, out);
        } else if (dt.isFloating() || b.dtype().isFloating()) {
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    double r = op.apply(ea.readDouble(pos[0] + i * step[0]), eb.readDouble(pos[1] + i * step[1]));
                    out.writeDouble(pos[2] + i * step[2], r);
                }
            });
        } else {
            boolean unsigned = dt == DType.UINT64;
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    long x = ea.readLong(pos[0] + i * step[0]);
                    long y = eb.readLong(pos[1] + i * step[1]);
                    out.writeLong(pos[2] + i * step[2], unsigned ? op.applyUnsigned(x, y) : op.applyLong(x, y));
                }
            });
        }
        return out;
    }

    private static void float32(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        float[] as = a.floatData(), bs = b.floatData(), os = out.floatData();
        boolean simd = VectorSupport.enabled();
        if (a.isContiguous() && b.isContiguous() && out.isContiguous() && a.shape().equals(out.shape()) && b.shape().equals(out.shape())) {
            // Dense operands of one shape: one run, with nothing allocated for the strided walk.
            int pa = a.offset(), pb = b.offset(), po = out.offset(), n = out.size();
            int done = simd ? FloatBinary.binary(op, as, pa, bs, pb, os, po, n) : 0;
            scalarFloat(op, as, pa + done, 1, bs, pb + done, 1, os, po + done, 1, n - done);
            return;
        }
        StridedLoop.forEachRow(out.shape(), new Tensor[] {a, b, out}, (pos, step, len) -> {
            int pa = pos[0], pb = pos[1], po = pos[2], sa = step[0], sb = step[1], so = step[2];
            int done = 0;
            if (simd && so == 1) {
                if (sa == 1 && sb == 1) done = FloatBinary.binary(op, as, pa, bs, pb, os, po, len);
                else if (sa == 1 && sb == 0) done = FloatBinary.binaryScalarRight(op, as, pa, bs[pb], os, po, len);
                else if (sa == 0 && sb == 1) done = FloatBinary.binaryScalarLeft(op, as[pa], bs, pb, os, po, len);
            }
            scalarFloat(op, as, pa + done * sa, sa, bs, pb + done * sb, sb, os, po + done * so, so, len - done);
        });
    }

    /** The scalar float32 loop: exact float arithmetic for the basic ops, double for the rest. */
    private static void scalarFloat(BinaryOp op, float[] a, int pa, int sa, float[] b, int pb, int sb,
                                    float[] o, int po, int so, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[po + i * so] = a[pa + i * sa] + b[pb + i * sb]; }
            case SUB -> { for (int i = 0; i < n; i++) o[po + i * so] = a[pa + i * sa] - b[pb + i * sb]; }
            case MUL -> { for (int i = 0; i < n; i++) o[po + i * so] = a[pa + i * sa] * b[pb + i * sb]; }
            case DIV -> { for (int i = 0; i < n; i++) o[po + i * so] = a[pa + i * sa] / b[pb + i * sb]; }
            case MAX -> { for (int i = 0; i < n; i++) o[po + i * so] = Math.max(a[pa + i * sa], b[pb + i * sb]); }
            case MIN -> { for (int i = 0; i < n; i++) o[po + i * so] = Math.min(a[pa + i * sa], b[pb + i * sb]); }
            default -> {
                for (int i = 0; i < n; i++) o[po + i * so] = (float) op.apply(a[pa + i * sa], b[pb + i * sb]);
            }
        }
    }

    public static Tensor add(Tensor a, Tensor b) { return apply(BinaryOp.ADD, a, b); }
    public static Tensor sub(Tensor a, Tensor b) { return apply(BinaryOp.SUB, a, b); }
    public static Tensor mul(Tensor a, Tensor b) { return apply(BinaryOp.MUL, a, b); }
    /** Division; integers truncate toward zero as in C. */
    public static Tensor div(Tensor a, Tensor b) { return apply(BinaryOp.DIV, a, b); }

    /** ONNX Pow: the result has the base's dtype; the exponent may have another numeric dtype. */
    public static Tensor pow(Tensor base, Tensor exponent) {
        checkDtypes(BinaryOp.POW, base, exponent);
        Shape shape = Args.broadcast("Pow", base.shape(), exponent.shape());
        return run(BinaryOp.POW, base, exponent, Tensor.uninitialized(base.dtype(), shape));
    }

    /** ONNX Mod: {@code fmod} false takes the divisor's sign (integers), true the dividend's (C fmod). */
    public static Tensor mod(Tensor a, Tensor b, boolean fmod) { return apply(fmod ? BinaryOp.FMOD : BinaryOp.MOD, a, b); }

    /** ONNX Max over any number of inputs (at least one), broadcast together. */
    public static Tensor max(Tensor... inputs) { return fold(BinaryOp.MAX, inputs); }

    /** ONNX Min over any number of inputs. */
    public static Tensor min(Tensor... inputs) { return fold(BinaryOp.MIN, inputs); }

    /** ONNX Sum over any number of inputs. */
    public static Tensor sum(Tensor... inputs) { return fold(BinaryOp.ADD, inputs); }

    /** ONNX Mean over any number of inputs (floating dtypes). */
    public static Tensor mean(Tensor... inputs) {
        Tensor s = sum(inputs);
        return apply(BinaryOp.DIV, s, Tensor.scalar(s.dtype(), inputs.length));
    }

    private static Tensor fold(BinaryOp op, Tensor[] inputs) {
        if (inputs.length == 0) throw new IllegalArgumentException(op + " needs at least one input");
        if (inputs.length == 1) return inputs[0].copy();
        Tensor acc = apply(op, inputs[0], inputs[1]);
        for (int i = 2; i < inputs.length; i++) {
            Shape s = Args.broadcast(op.name(), acc.shape(), inputs[i].shape());
            acc = s.equals(acc.shape()) ? into(op, acc, inputs[i], acc) : apply(op, acc, inputs[i]);
        }
        return acc;
    }

    /** ONNX BitShift: {@code left} true shifts left, else right (logical for unsigned types). */
    public static Tensor bitShift(Tensor a, Tensor b, boolean left) {
        return apply(left ? BinaryOp.BITSHIFT_LEFT : BinaryOp.BITSHIFT_RIGHT, a, b);
    }

    public static Tensor bitwiseAnd(Tensor a, Tensor b) { return apply(BinaryOp.BITWISE_AND, a, b); }
    public static Tensor bitwiseOr(Tensor a, Tensor b) { return apply(BinaryOp.BITWISE_OR, a, b); }
    public static Tensor bitwiseXor(Tensor a, Tensor b) { return apply(BinaryOp.BITWISE_XOR, a, b); }
}
