package dev.weft.onnx.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * A kernel that can write its one output straight into a range of channels (axis 1) of a larger
 * tensor, so that a Concat of such outputs along the channels needs no copy: the graph optimizer
 * then runs the producers into slices of the Concat's result.
 */
public interface ChannelSliceKernel extends Kernel {
    /**
     * The output shape for these inputs when this kernel can write it into a slice, else null (an
     * input of another dtype, say); then the caller runs {@link #apply} and copies.
     */
    Shape sliceShape(List<Tensor> in);

    /**
     * Writes the output for these inputs into channels {@code [channelOffset, channelOffset + C)} of
     * {@code out}, a contiguous float32 tensor with {@link #sliceShape}'s dimensions on every other
     * axis; nothing else of {@code out} is written. Only called when {@link #sliceShape} was not null.
     */
    void applyInto(List<Tensor> in, Tensor out, int channelOffset);
}
