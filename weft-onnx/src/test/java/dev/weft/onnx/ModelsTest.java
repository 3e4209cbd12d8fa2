package dev.weft.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.onnx.conformance.ConformanceRunner;
import dev.weft.onnx.conformance.Executor;
import dev.weft.onnx.conformance.Outcome;
import dev.weft.onnx.conformance.TestResult;
import dev.weft.machine.Machine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The six models in ../shared/models (mlp, mnist, squeezenet1_1, mobilenet_v2, resnet18,
 * tiny_bert) match their reference outputs on both machines, within rtol 1e-3 and atol 1e-4.
 */
class ModelsTest {
    @ParameterizedTest(name = "{0} on the {1} machine")
    @CsvSource({
        "mlp, sequential", "mlp, concurrent",
        "mnist, sequential", "mnist, concurrent",
        "squeezenet1_1, sequential", "squeezenet1_1, concurrent",
        "mobilenet_v2, sequential", "mobilenet_v2, concurrent",
        "resnet18, sequential", "resnet18, concurrent",
        "tiny_bert, sequential", "tiny_bert, concurrent",
    })
    void modelMatchesItsReference(String model, String machine) {
        Path dir = SharedData.require("models/" + model);
        Executor exec = (m, feeds) -> {
            m.checkInputs(feeds);
            try (Machine mc = OnnxGraphs.machine(m, machine)) {
                return mc.run(feeds);
            }
        };
        TestResult r = new ConformanceRunner(exec, 1e-3, 1e-4, Duration.ofMinutes(5)).runOne(dir);
        assertEquals(Outcome.PASSED, r.outcome(), r.reason());
    }
}
