package dev.weft.bench.builds;

import dev.weft.machine.Machine;
import dev.weft.onnx.InputSpec;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.OnnxModel;
import dev.weft.onnx.io.TensorFiles;
import dev.weft.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model on one machine of one build. {@link CompareBuilds} loads this class once per build, from
 * a class loader that sees only that build's {@code weft.jar}, so the weft classes it links to are
 * that build's. It uses only API that builds since the fifth session share: {@code Machine.run}, not
 * {@code runBorrowed}.
 */
public final class BuildRunner implements Runnable {
    private final Machine machine;
    private final Map<String, Tensor> inputs;

    /** Loads {@code dir/model.onnx} and the inputs of {@code dir/test_data_set_0}, on a machine of that kind. */
    public BuildRunner(String dir, String machineKind) throws Exception {
        Path d = Path.of(dir);
        OnnxModel model = OnnxModel.load(d.resolve("model.onnx"));
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        List<InputSpec> specs = model.inputs();
        for (int k = 0; k < specs.size(); k++) {
            String name = specs.get(k).name();
            Path file = d.resolve("test_data_set_0/input_" + k + ".pb");
            feeds.put(name, TensorFiles.read(file, name).values().iterator().next());
        }
        this.inputs = feeds;
        this.machine = OnnxGraphs.machine(model, machineKind);
    }

    @Override
    public void run() { machine.run(inputs); }
}
