package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Einsum;
import dev.weft.tensor.ops.RotaryEmbedding;
import dev.weft.tensor.ops.Sorting;
import java.util.List;

/** Einsum, Unique and RotaryEmbedding, mapped onto {@link Einsum}, {@link Sorting} and {@link RotaryEmbedding}. */
final class TensorAlgebraOps {
    private TensorAlgebraOps() {}

    static void register(OpRegistry r) {
        r.add("Einsum", 12, c -> {
            String eq = c.attrString("equation", "").replace(" ", "");
            return c.op(Kernel.single(in -> Einsum.einsum(eq, in.toArray(Tensor[]::new))));
        });
        r.add("Unique", 11, c -> {
            Integer axis = c.has("axis") ? c.attrIntExact("axis", 0) : null;
            boolean sorted = c.attrInt("sorted", 1) != 0;
            return c.op(in -> {
                Sorting.Unique u = axis == null ? Sorting.unique(in.get(0), sorted) : Sorting.unique(in.get(0), axis, sorted);
                return List.of(u.values(), u.indices(), u.inverseIndices(), u.counts());
            }, (o, ins) -> o == 0 ? ins.get(0) : DType.INT64);
        });
        r.add("RotaryEmbedding", 23, c -> {
            boolean interleaved = c.attrInt("interleaved", 0) != 0;
            int heads = c.attrIntExact("num_heads", 0);
            int rotDim = c.attrIntExact("rotary_embedding_dim", 0);
            return c.op(Kernel.single(in -> RotaryEmbedding.apply(in.get(0), in.get(1), in.get(2),
                    in.size() > 3 ? in.get(3) : null, interleaved, rotDim, heads)));
        });
    }
}
