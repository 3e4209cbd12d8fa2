package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a fused kernel replaced, kept so that it can compute exactly what they computed when
 * its fast path does not apply (another dtype, an axis that is not the last one at run time).
 * {@code inputs} names the fused node's inputs in order; {@code constants} holds every constant
 * the nodes read. Immutable and thread-safe.
 */
record Replay(List<Program.Step> steps, List<String> inputs, Map<String, Tensor> constants, String output) {
    Replay {
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
        constants = Map.copyOf(constants);
    }

    /** Runs the original nodes in order on the fused node's inputs; returns the final output. */
    Tensor run(List<Tensor> in) {
        Map<String, Tensor> values = new HashMap<>(constants);
        for (int i = 0; i < inputs.size(); i++) values.put(inputs.get(i), in.get(i));
        for (Program.Step s : steps) {
            List<String> names = s.node().inputs();
            Tensor[] args = new Tensor[names.size()];
            for (int i = 0; i < args.length; i++) args[i] = names.get(i).isEmpty() ? null : values.get(names.get(i));
            List<Tensor> outs = s.op().kernel().apply(java.util.Arrays.asList(args));
            List<String> outNames = s.node().outputs();
            for (int i = 0; i < outNames.size() && i < outs.size(); i++) values.put(outNames.get(i), outs.get(i));
        }
        return values.get(output);
    }
}
