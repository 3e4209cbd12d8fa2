package dev.weft.onnx.ops;

import dev.weft.tensor.ops.GridSample;

/**
 * GridSample (opsets 16, 20, 22), mapped onto {@link GridSample}: this class reads the attributes,
 * whose default mode was renamed from "bilinear" to "linear" in opset 20.
 */
final class GridSampleOps {
    private GridSampleOps() {}

    static void register(OpRegistry r) {
        r.add("GridSample", 16, c -> {
            String mode = c.attrString("mode", c.opset() >= 20 ? "linear" : "bilinear");
            String padding = c.attrString("padding_mode", "zeros");
            boolean alignCorners = c.attrInt("align_corners", 0) != 0;
            return c.op(Kernel.single(in -> GridSample.gridSample(in.get(0), in.get(1), mode, padding, alignCorners)));
        });
    }
}
