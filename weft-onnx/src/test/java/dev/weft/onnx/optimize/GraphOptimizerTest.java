package dev.weft.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.ModelReader;
import dev.weft.onnx.load.Program;
import dev.weft.onnx.io.TensorFiles;
import dev.weft.onnx.proto.ModelProto;
import dev.weft.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On every bundled model: what each pass did, and that the optimized program gives the unoptimized
 * program's outputs (to float32 rounding, since folded BatchNorms and fused adds round differently).
 */
class GraphOptimizerTest {
    private static final Path MODELS = Path.of(System.getProperty("weft.root"), "..", "shared", "models");

    @ParameterizedTest
    @CsvSource({
        // model,         fewer steps at least, fused at least, LayerNorm/Gelu patterns, Concats in place,
        //                BatchNorms or bias Adds folded into Conv
        "mlp,              1, 1, 0, 0, 0",
        "mnist,            4, 2, 0, 0, 2",
        "squeezenet1_1,   25, 25, 0, 8, 0",
        "mobilenet_v2,    35, 35, 0, 0, 0",
        "resnet18,        20, 20, 0, 0, 0",
        "tiny_bert,       70, 8, 6, 0, 0",
    })
    void optimizedProgramIsSmallerAndComputesTheSame(String model, int fewerSteps, int fused, int patterns, int concats,
                                                     int convFolds)
            throws Exception {
        Path file = MODELS.resolve(model).resolve("model.onnx");
        ModelProto proto = ModelReader.read(file);
        Compiler compiler = new Compiler(proto.opsets(), file.getParent(), proto.functions());
        Program plain = compiler.compile(proto.graph());
        GraphOptimizer.Result result = GraphOptimizer.optimize(plain, compiler);
        Program optimized = result.program();
        assertTrue(plain.steps().size() - optimized.steps().size() >= fewerSteps,
                model + ": " + plain.steps().size() + " -> " + optimized.steps().size() + " steps (" + result.report() + ")");
        assertTrue(result.report().fused() >= fused, model + ": " + result.report());
        assertEquals(patterns, result.report().patterns(), model + ": " + result.report());
        assertEquals(concats, result.report().concats(), model + ": " + result.report());
        assertEquals(convFolds, result.report().convFolds(), model + ": " + result.report());

        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (int k = 0; k < plain.inputs().size(); k++) {
            String name = plain.inputs().get(k).name();
            feed.put(name, TensorFiles.read(MODELS.resolve(model).resolve("test_data_set_0").resolve("input_" + k + ".pb"), name)
                    .values().iterator().next());
        }
        Map<String, Tensor> expected = Interpreter.run(plain, feed, compiler);
        Map<String, Tensor> actual = Interpreter.run(optimized, feed, compiler);
        assertEquals(expected.keySet(), actual.keySet());
        for (String out : expected.keySet()) {
            double[] e = expected.get(out).toDoubleArray(), a = actual.get(out).toDoubleArray();
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-4 + 1e-3 * Math.abs(e[i]),
                        model + " " + out + "[" + i + "]: " + a[i] + " vs " + e[i]);
            }
        }
    }
}
