package dev.weft.onnx.ops;

import dev.weft.tensor.Tensor;

/**
 * A kernel that can do work on a constant input once, at load time, instead of on every run (the
 * graph optimizer calls it for inputs it proved constant, such as initializer weights).
 */
public interface ConstantInput {
    /**
     * A kernel equivalent to this one for runs where input {@code index} holds exactly {@code value},
     * or this kernel itself when nothing can be prepared. The returned kernel must still give correct
     * results (perhaps slower) if it ever receives another tensor there.
     */
    Kernel withConstant(int index, Tensor value);
}
