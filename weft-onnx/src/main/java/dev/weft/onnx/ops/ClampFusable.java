package dev.weft.onnx.ops;

import dev.weft.tensor.kernel.Clamp;

/**
 * A kernel that can apply a following Relu or Clip itself, as it stores its outputs (a depthwise
 * convolution does it for free), so the graph optimizer need not run it as a separate step.
 */
public interface ClampFusable {
    /**
     * This kernel followed by {@code clamp}, or null when it cannot take one (it already has a
     * clamp, say); the result must equal clamping this kernel's output.
     */
    Kernel withClamp(Clamp clamp);
}
