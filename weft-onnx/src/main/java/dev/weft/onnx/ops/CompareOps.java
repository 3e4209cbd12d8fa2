package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.function.IntPredicate;

/** Comparisons and logic, all producing bool tensors, and Where. */
final class CompareOps {
    private CompareOps() {}

    static void register(OpRegistry r) {
        compare(r, "Equal", c -> c == 0);
        compare(r, "Less", c -> c < 0);
        compare(r, "Greater", c -> c > 0);
        compare(r, "LessOrEqual", c -> c <= 0);
        compare(r, "GreaterOrEqual", c -> c >= 0);
        logic(r, "And", (a, b) -> a && b);
        logic(r, "Or", (a, b) -> a || b);
        logic(r, "Xor", (a, b) -> a != b);
        r.add("Where", 9, c -> c.op(Kernel.single(in -> where(in.get(0), in.get(1), in.get(2))), DTypeRule.ofInput(1)));
    }

    private static void compare(OpRegistry r, String name, IntPredicate test) {
        r.add(name, 1, c -> {
            boolean legacy = c.opset() < 7 && c.attrInt("broadcast", 0) != 0 && c.has("axis");
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> {
                Tensor a = in.get(0), b = legacy ? MathOps.legacyBroadcast(in.get(0), in.get(1), axis) : in.get(1);
                boolean integer = !a.dtype().isFloating() && !b.dtype().isFloating();
                boolean unsigned64 = a.dtype() == DType.UINT64;
                if (integer) {
                    return Maps.binary(a, b, DType.BOOL, (x, y) -> 0,
                            (x, y) -> test.test(unsigned64 ? Long.compareUnsigned(x, y) : Long.compare(x, y)) ? 1 : 0);
                }
                return Maps.binary(a, b, DType.BOOL, (x, y) -> {
                    if (Double.isNaN(x) || Double.isNaN(y)) return name.equals("Equal") ? 0 : 0;
                    return test.test(Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y)) ? 1 : 0;
                }, null);
            }), DTypeRule.fixed(DType.BOOL));
        });
    }

    private interface BoolOp {
        boolean apply(boolean a, boolean b);
    }

    private static void logic(OpRegistry r, String name, BoolOp op) {
        r.add(name, 1, c -> {
            boolean legacy = c.opset() < 7 && c.attrInt("broadcast", 0) != 0 && c.has("axis");
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> {
                Tensor b = legacy ? MathOps.legacyBroadcast(in.get(0), in.get(1), axis) : in.get(1);
                return Maps.binary(in.get(0), b, DType.BOOL, (x, y) -> op.apply(x != 0, y != 0) ? 1 : 0,
                        (x, y) -> op.apply(x != 0, y != 0) ? 1 : 0);
            }), DTypeRule.fixed(DType.BOOL));
        });
    }

    static Tensor where(Tensor cond, Tensor x, Tensor y) {
        Shape shape = Shape.broadcast(Shape.broadcast(cond.shape(), x.shape()), y.shape());
        Tensor out = Tensor.zeros(x.dtype(), shape);
        int n = shape.size();
        int[] pc = Indexing.positions(cond.expand(shape)), px = Indexing.positions(x.expand(shape)),
                py = Indexing.positions(y.expand(shape));
        for (int i = 0; i < n; i++) {
            boolean t = cond.readLong(pc[i]) != 0;
            Tensor src = t ? x : y;
            int pos = t ? px[i] : py[i];
            if (x.dtype().isFloating()) out.writeDouble(i, src.readDouble(pos));
            else out.writeLong(i, src.readLong(pos));
        }
        return out;
    }
}
