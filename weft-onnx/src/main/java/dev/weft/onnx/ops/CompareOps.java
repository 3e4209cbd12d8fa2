package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Compare;
import dev.weft.tensor.ops.CompareOp;
import dev.weft.tensor.ops.Logical;

/**
 * Comparisons and logic, all producing bool tensors, and Where: thin mappings onto
 * {@link Compare} and {@link Logical} that add the opset-1..6 legacy broadcasting.
 */
final class CompareOps {
    private CompareOps() {}

    private interface BinaryFn {
        Tensor apply(Tensor a, Tensor b);
    }

    static void register(OpRegistry r) {
        binary(r, "Equal", (a, b) -> Compare.apply(CompareOp.EQUAL, a, b));
        binary(r, "Less", (a, b) -> Compare.apply(CompareOp.LESS, a, b));
        binary(r, "Greater", (a, b) -> Compare.apply(CompareOp.GREATER, a, b));
        binary(r, "LessOrEqual", (a, b) -> Compare.apply(CompareOp.LESS_OR_EQUAL, a, b));
        binary(r, "GreaterOrEqual", (a, b) -> Compare.apply(CompareOp.GREATER_OR_EQUAL, a, b));
        binary(r, "And", Logical::and);
        binary(r, "Or", Logical::or);
        binary(r, "Xor", Logical::xor);
        r.add("Where", 9, c -> c.op(Kernel.single(in -> Logical.where(in.get(0), in.get(1), in.get(2))), DTypeRule.ofInput(1)));
    }

    private static void binary(OpRegistry r, String name, BinaryFn f) {
        r.add(name, 1, c -> {
            boolean legacy = c.opset() < 7 && c.attrInt("broadcast", 0) != 0 && c.has("axis");
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> {
                Tensor b = legacy ? MathOps.legacyBroadcast(in.get(0), in.get(1), axis) : in.get(1);
                return f.apply(in.get(0), b);
            }), DTypeRule.fixed(DType.BOOL));
        });
    }
}
