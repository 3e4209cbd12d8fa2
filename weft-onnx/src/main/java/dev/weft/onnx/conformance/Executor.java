package dev.weft.onnx.conformance;

import dev.weft.onnx.OnnxModel;
import dev.weft.tensor.Tensor;
import java.util.Map;

/** Runs a loaded model on feeds and returns its outputs by name (an interpreter or a weft machine). */
@FunctionalInterface
public interface Executor {
    Map<String, Tensor> run(OnnxModel model, Map<String, Tensor> feeds) throws Exception;
}
