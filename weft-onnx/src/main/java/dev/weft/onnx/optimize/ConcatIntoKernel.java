package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.ChannelSliceKernel;
import dev.weft.onnx.ops.Kernel;
import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Assembly;
import java.util.List;

/**
 * Concat along axis 1 of the outputs of {@code parts}, part k taking the node's inputs
 * {@code [starts[k], starts[k + 1])}: each part writes its channels of the result directly
 * ({@link ConcatFusion}). When a part cannot (another dtype) or the shapes do not line up, every
 * part runs as usual and the outputs are concatenated, which gives the same result, or the same
 * error, as the nodes before fusion.
 */
record ConcatIntoKernel(List<ChannelSliceKernel> parts, int[] starts) implements SingleKernel {
    @Override
    public Tensor compute(List<Tensor> in) {
        int n = parts.size();
        Shape[] shapes = new Shape[n];
        int channels = 0;
        for (int k = 0; k < n; k++) {
            shapes[k] = parts.get(k).sliceShape(in.subList(starts[k], starts[k + 1]));
            if (shapes[k] == null || shapes[k].rank() < 2 || k > 0 && !sameButChannels(shapes[0], shapes[k])) return copying(in);
            channels += shapes[k].dim(1);
        }
        int[] dims = shapes[0].dims();
        dims[1] = channels;
        Tensor out = Tensor.uninitialized(DType.FLOAT32, Shape.of(dims)); // the parts write every channel
        for (int k = 0, at = 0; k < n; at += shapes[k].dim(1), k++) {
            parts.get(k).applyInto(in.subList(starts[k], starts[k + 1]), out, at);
        }
        return out;
    }

    private static boolean sameButChannels(Shape a, Shape b) {
        if (a.rank() != b.rank()) return false;
        for (int i = 0; i < a.rank(); i++) if (i != 1 && a.dim(i) != b.dim(i)) return false;
        return true;
    }

    /** The unfused computation: every part's own output, then a Concat of them. */
    private Tensor copying(List<Tensor> in) {
        Tensor[] outs = new Tensor[parts.size()];
        for (int k = 0; k < outs.length; k++) outs[k] = Kernel.first(parts.get(k), in.subList(starts[k], starts[k + 1]));
        return Assembly.concat(1, outs);
    }
}
