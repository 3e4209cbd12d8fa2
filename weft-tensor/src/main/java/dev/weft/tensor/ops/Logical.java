package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * Boolean logic with broadcasting (ONNX And, Or, Xor, Not) and {@link #where}. Inputs are bool
 * tensors; any other dtype is read as "non-zero is true". Results are bool tensors.
 */
public final class Logical {
    private Logical() {}

    public static Tensor and(Tensor a, Tensor b) { return logic("And", a, b, 0); }
    public static Tensor or(Tensor a, Tensor b) { return logic("Or", a, b, 1); }
    public static Tensor xor(Tensor a, Tensor b) { return logic("Xor", a, b, 2); }

    private static Tensor logic(String name, Tensor a, Tensor b, int kind) {
        Shape shape = Args.broadcast(name, a.shape(), b.shape());
        Tensor out = Tensor.zeros(DType.BOOL, shape);
        Tensor ea = a.expand(shape), eb = b.expand(shape);
        byte[] os = out.byteData();
        StridedLoop.forEachRow(shape, new Tensor[] {ea, eb, out}, (pos, step, len) -> {
            for (int i = 0; i < len; i++) {
                boolean x = truth(ea, pos[0] + i * step[0]);
                boolean y = truth(eb, pos[1] + i * step[1]);
                boolean r = kind == 0 ? x && y : kind == 1 ? x || y : x ^ y;
                os[pos[2] + i * step[2]] = r ? (byte) 1 : 0;
            }
        });
        return out;
    }

    private static boolean truth(Tensor t, int pos) {
        return t.dtype().storage() == DType.Storage.BYTE ? t.byteData()[pos] != 0 : t.readDouble(pos) != 0;
    }

    /** ONNX Not. */
    public static Tensor not(Tensor x) { return notInto(x, Tensor.zeros(DType.BOOL, x.shape())); }

    /** ONNX Not into a preallocated bool output. */
    public static Tensor notInto(Tensor x, Tensor out) {
        Args.output("Not", out, DType.BOOL, x.shape());
        byte[] os = out.byteData();
        StridedLoop.forEachRow(x.shape(), new Tensor[] {x, out}, (pos, step, len) -> {
            for (int i = 0; i < len; i++) os[pos[1] + i * step[1]] = truth(x, pos[0] + i * step[0]) ? 0 : (byte) 1;
        });
        return out;
    }

    /**
     * ONNX Where: {@code cond ? a : b} elementwise, the three broadcast together. a and b must
     * share a dtype, which the result has.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Args.sameDtype("Where", a, b);
        Shape shape = Args.broadcast("Where", Args.broadcast("Where", cond.shape(), a.shape()), b.shape());
        return whereInto(cond, a, b, Tensor.zeros(a.dtype(), shape));
    }

    /** {@link #where} into a preallocated output of the broadcast shape. */
    public static Tensor whereInto(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Args.sameDtype("Where", a, b);
        Shape shape = Args.broadcast("Where", Args.broadcast("Where", cond.shape(), a.shape()), b.shape());
        Args.output("Where", out, a.dtype(), shape);
        Tensor ec = cond.expand(shape), ea = a.expand(shape), eb = b.expand(shape);
        Tensor[] ops = {ec, ea, eb, out};
        if (a.dtype() == DType.FLOAT32 && cond.dtype() == DType.BOOL) {
            byte[] cs = ec.byteData();
            float[] as = ea.floatData(), bs = eb.floatData(), os = out.floatData();
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    os[pos[3] + i * step[3]] = cs[pos[0] + i * step[0]] != 0 ? as[pos[1] + i * step[1]] : bs[pos[2] + i * step[2]];
                }
            });
        } else {
            Object ad = ea.data(), bd = eb.data(), od = out.data();
            StridedLoop.forEachRow(shape, ops, (pos, step, len) -> {
                for (int i = 0; i < len; i++) {
                    boolean c = truth(ec, pos[0] + i * step[0]);
                    System.arraycopy(c ? ad : bd, c ? pos[1] + i * step[1] : pos[2] + i * step[2], od, pos[3] + i * step[3], 1);
                }
            });
        }
        return out;
    }
}
