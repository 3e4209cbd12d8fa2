package dev.weft.train.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.OnnxModel;
import dev.weft.tensor.Tensor;
import dev.weft.train.DigitsTraining;
import dev.weft.train.Trainer;
import dev.weft.train.data.Dataset;
import dev.weft.train.data.Digits;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trained model exported to ONNX gives the trainer's own logits when served by weft and by ONNX
 * Runtime, and a checkpoint restores the weights exactly.
 */
class OnnxExportTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void exportedModelServesTheSameLogitsInWeftAndOnnxRuntime(String model, @TempDir Path dir) throws Exception {
        Dataset digits = Digits.bundled();
        DigitsTraining.Settings s = new DigitsTraining.Settings(model, 1, 32, "adam", 0.003, 3);
        Dataset sample = digits.rows(new int[] {0, 5, 17, 100, 1500});
        try (Trainer t = DigitsTraining.train(digits, s, SequentialMachine::new, e -> { })) {
            float[] expected = t.logits(sample).toFloatArray();
            Path file = dir.resolve(model + ".onnx");
            OnnxExport.write(t.model(), t.parameters(), file);

            try (Machine m = OnnxGraphs.machine(OnnxModel.load(file), "sequential")) {
                Tensor weft = m.run(Map.of("features", sample.features())).values().iterator().next();
                assertArrayEquals(expected, weft.toFloatArray(), 1e-5f, "weft serving the export");
            }

            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample.features().toFloatArray()),
                         new long[] {sample.size(), Digits.PIXELS});
                 OrtSession.Result out = session.run(Map.of("features", in))) {
                float[][] ort = (float[][]) out.get(0).getValue();
                assertEquals(sample.size(), ort.length);
                for (int i = 0; i < ort.length; i++) {
                    float[] row = java.util.Arrays.copyOfRange(expected, i * 10, i * 10 + 10);
                    assertArrayEquals(row, ort[i], 1e-4f, "ONNX Runtime serving the export, row " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp"})
    void checkpointRestoresTheWeights(String model, @TempDir Path dir) throws Exception {
        Dataset digits = Digits.bundled();
        Path file = dir.resolve("weights.npz");
        try (Trainer trained = DigitsTraining.train(digits, new DigitsTraining.Settings(model, 1, 32, "adam", 0.003, 3),
                SequentialMachine::new, e -> { });
             Trainer fresh = new Trainer(DigitsTraining.model(new DigitsTraining.Settings(model, 1, 32, "adam", 0.003, 99)),
                     DigitsTraining.optimizer(new DigitsTraining.Settings(model, 1, 32, "adam", 0.003, 99)), SequentialMachine::new)) {
            Checkpoints.save(trained, file);
            Checkpoints.load(fresh, file);
            for (var e : trained.parameters().entrySet()) {
                assertArrayEquals(e.getValue().toFloatArray(), fresh.parameters().get(e.getKey()).toFloatArray(), e.getKey());
            }
            Dataset sample = digits.rows(new int[] {1, 2, 3});
            assertArrayEquals(trained.logits(sample).toFloatArray(), fresh.logits(sample).toFloatArray());
        }
    }

    @org.junit.jupiter.api.Test
    void opsWithoutAnOnnxMappingAreRefusedByName() {
        dev.weft.graph.Graph g = new dev.weft.graph.Graph();
        dev.weft.graph.Node x = g.placeholder("x", dev.weft.graph.TensorType.of(dev.weft.tensor.DType.FLOAT32, 2));
        dev.weft.graph.Node floor = g.apply("floor", new dev.weft.graph.ops.Unary(dev.weft.tensor.ops.UnaryOp.FLOOR), java.util.List.of(x));
        var model = new dev.weft.train.model.Model("odd", g, x, x, floor, floor, java.util.List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(model, Map.of()));
        assertEquals("cannot export node 'floor' (Floor) to ONNX", e.getMessage());
    }
}
