package dev.weft.onnx.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.machine.Machine;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the whole ONNX backend suite in ../shared/onnx (1,942 folders) on both machines and
 * compares with the checked-in baseline of tests expected to pass
 * ({@code src/test/resources/conformance-baseline.txt}). Unsupported or failing tests outside
 * the baseline do not fail the build; a baseline test that no longer passes does.
 *
 * <p>Regenerate the baseline after adding ops (see docs/onnx.md):
 * {@code ./mvnw -o -q -B -pl weft-onnx -am verify -Dtest=ConformanceSuiteTest -Dsurefire.failIfNoSpecifiedTests=false -Dweft.conformance.regenerate=true}
 */
class ConformanceSuiteTest {
    static final Path BASELINE = Path.of(System.getProperty("weft.root", "."), "weft-onnx", "src", "test", "resources",
            "conformance-baseline.txt");

    static Executor machine(String kind) {
        return (model, feeds) -> {
            model.checkInputs(feeds);
            try (Machine m = OnnxGraphs.machine(model, kind)) {
                return m.run(feeds);
            }
        };
    }

    static Set<String> baseline() throws IOException {
        try (var lines = Files.lines(BASELINE)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * The suite on each machine, and once more with the scalar kernels ({@code weft.vector=false}),
     * so every op's fallback path is held to the same baseline as its Vector API path.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sequential", "concurrent", "sequential-scalar"})
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void noBaselineTestRegresses(String variant) throws Exception {
        Path onnx = SharedData.require("onnx");
        boolean scalar = variant.endsWith("-scalar");
        String kind = scalar ? variant.substring(0, variant.length() - "-scalar".length()) : variant;
        ConformanceRunner runner = new ConformanceRunner(machine(kind), 1e-3, 1e-7, Duration.ofSeconds(60));
        String before = System.getProperty("weft.vector");
        if (scalar) System.setProperty("weft.vector", "false");
        List<TestResult> results;
        try {
            results = runner.runAll(ConformanceRunner.discover(List.of(onnx)), null);
        } finally {
            if (before == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", before);
        }
        Set<String> passed = results.stream().filter(r -> r.outcome() == Outcome.PASSED).map(TestResult::name)
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("conformance on the " + variant + " machine: " + Report.totals(results));
        if (Boolean.getBoolean("weft.conformance.regenerate") && variant.equals("sequential")) {
            Files.writeString(BASELINE, "# ONNX backend tests in ../shared/onnx that weft passes; regenerate as docs/onnx.md says.\n"
                    + String.join("\n", passed) + "\n");
            return;
        }
        Set<String> expected = baseline();
        List<String> regressed = results.stream().filter(r -> expected.contains(r.name()) && r.outcome() != Outcome.PASSED)
                .map(r -> r.name() + ": " + r.reason()).toList();
        long gained = passed.stream().filter(n -> !expected.contains(n)).count();
        if (gained > 0) System.out.println(gained + " tests pass that the baseline does not list; consider regenerating it");
        assertTrue(regressed.isEmpty(), regressed.size() + " baseline tests regressed on the " + variant + " machine:\n"
                + String.join("\n", regressed));
    }

    @Test
    void nodeTestsMeetTheTarget() throws Exception {
        Set<String> expected = baseline();
        Path node = SharedData.require("onnx/node");
        try (var dirs = Files.list(node)) {
            long inBaseline = dirs.map(p -> p.getFileName().toString()).filter(expected::contains).count();
            assertTrue(inBaseline >= 1450, "only " + inBaseline + " node tests are in the baseline");
        }
    }
}
