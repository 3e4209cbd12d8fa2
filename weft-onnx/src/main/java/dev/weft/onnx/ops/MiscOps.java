package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.ops.Generators;
import dev.weft.tensor.ops.Sorting;
import java.util.List;

/**
 * Sequence-generating and ordering ops: Range, CumSum, CumProd, TopK, EyeLike, mapped onto
 * {@link Generators} and {@link Sorting}.
 */
final class MiscOps {
    private MiscOps() {}

    static void register(OpRegistry r) {
        r.add("Range", 11, c -> c.op(Kernel.single(in -> Generators.range(in.get(0), in.get(1), in.get(2)))));
        r.add("CumSum", 11, c -> {
            boolean exclusive = c.attrInt("exclusive", 0) != 0, reverse = c.attrInt("reverse", 0) != 0;
            return c.op(Kernel.single(in -> Sorting.cumSum(in.get(0), axis(in.get(1)), exclusive, reverse)));
        });
        r.add("CumProd", 26, c -> {
            boolean exclusive = c.attrInt("exclusive", 0) != 0, reverse = c.attrInt("reverse", 0) != 0;
            return c.op(Kernel.single(in -> Sorting.cumProd(in.get(0), axis(in.get(1)), exclusive, reverse)));
        });
        r.add("TopK", 1, c -> {
            int axis = c.attrIntExact("axis", -1);
            boolean largest = c.attrInt("largest", 1) != 0, sorted = c.attrInt("sorted", 1) != 0;
            long kAttr = c.attrInt("k", -1);
            boolean kInput = c.opset() >= 10;
            return c.op(in -> {
                Sorting.TopK t = Sorting.topK(in.get(0), kInput ? in.get(1).getLong(0) : kAttr, axis, largest, sorted);
                return List.of(t.values(), t.indices());
            }, (o, ins) -> o == 0 ? ins.get(0) : DType.INT64);
        });
        r.add("EyeLike", 9, c -> {
            int k = c.attrIntExact("k", 0);
            DType dt = c.has("dtype") ? dev.weft.onnx.io.OnnxTypes.dtype((int) c.attrInt("dtype", 1)) : null;
            return c.op(Kernel.single(in -> Generators.eyeLike(in.get(0).shape(), k, dt == null ? in.get(0).dtype() : dt)),
                    dt == null ? DTypeRule.SAME : DTypeRule.fixed(dt));
        });
    }

    private static int axis(dev.weft.tensor.Tensor t) {
        return Math.toIntExact(t.getLong(0));
    }
}
