package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Assembly;
import dev.weft.tensor.ops.Generators;
import dev.weft.tensor.ops.ScatterReduction;
import dev.weft.tensor.ops.Sorting;

/**
 * Indexing ops: Gather, GatherElements, GatherND, ScatterElements, ScatterND, OneHot, NonZero,
 * Compress, as thin mappings onto {@link dev.weft.tensor.ops.Indexing}, {@link Generators},
 * {@link Sorting} and {@link Assembly}.
 */
final class IndexOps {
    private IndexOps() {}

    static void register(OpRegistry r) {
        r.add("Gather", 1, c -> {
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> gather(in.get(0), in.get(1), axis)));
        });
        r.add("GatherElements", 11, c -> {
            int axis = c.attrIntExact("axis", 0);
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.Indexing.gatherElements(in.get(0), in.get(1), axis)));
        });
        r.add("GatherND", 11, c -> {
            int batch = c.attrIntExact("batch_dims", 0);
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.Indexing.gatherND(in.get(0), in.get(1), batch)));
        });
        for (String name : new String[] {"Scatter", "ScatterElements"}) {
            r.add(name, 9, c -> {
                int axis = c.attrIntExact("axis", 0);
                ScatterReduction red = ScatterReduction.of(c.attrString("reduction", "none"));
                return c.op(Kernel.single(in -> dev.weft.tensor.ops.Indexing.scatterElements(
                        in.get(0), in.get(1), in.get(2), axis, red)));
            });
        }
        r.add("ScatterND", 11, c -> {
            ScatterReduction red = ScatterReduction.of(c.attrString("reduction", "none"));
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.Indexing.scatterND(in.get(0), in.get(1), in.get(2), red)));
        });
        r.add("OneHot", 9, c -> {
            int axis = c.attrIntExact("axis", -1);
            return c.op(Kernel.single(in -> Generators.oneHot(in.get(0), (long) in.get(1).getDouble(0), in.get(2), axis)),
                    DTypeRule.ofInput(2));
        });
        r.add("NonZero", 9, c -> c.op(Kernel.single(in -> Sorting.nonZero(in.get(0))), DTypeRule.fixed(DType.INT64)));
        r.add("Compress", 9, c -> {
            Integer axis = c.has("axis") ? c.attrIntExact("axis", 0) : null;
            return c.op(Kernel.single(in -> Assembly.compress(in.get(0), in.get(1), axis)));
        });
    }

    static Tensor gather(Tensor x, Tensor indices, int axis) {
        return dev.weft.tensor.ops.Indexing.gather(x, indices, axis);
    }
}
