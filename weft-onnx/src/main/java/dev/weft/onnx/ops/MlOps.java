package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Unary;
import java.util.List;

/**
 * Small ops from ai.onnx.ml (Binarizer, ArrayFeatureExtractor) and the
 * Optional ops over plain tensors (an absent optional input is "no element").
 */
final class MlOps {
    private MlOps() {}

    static void register(OpRegistry r) {
        r.add("ai.onnx.ml", "Binarizer", 1, c -> {
            double th = c.attrFloat("threshold", 0f);
            return c.op(Kernel.single(in -> Unary.map(in.get(0), x -> x > th ? 1 : 0)));
        });
        r.add("ai.onnx.ml", "ArrayFeatureExtractor", 1, c -> c.op(Kernel.single(in -> {
            Tensor x = in.get(0);
            Tensor g = IndexOps.gather(x, in.get(1).reshape(in.get(1).size()), x.rank() - 1);
            return x.rank() == 1 ? g.reshape(1, g.size()) : g;
        })));
        r.add("OptionalHasElement", 15, c -> c.op(Kernel.single(in ->
                Tensor.scalar(DType.BOOL, !in.isEmpty() && in.get(0) != null ? 1 : 0)), DTypeRule.fixed(DType.BOOL)));
        r.add("OptionalGetElement", 15, c -> c.op(in -> {
            if (in.get(0) == null) throw new IllegalArgumentException("OptionalGetElement: the optional is empty");
            return List.of(in.get(0));
        }));
    }
}
