package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {
    @TempDir Path dir;

    private static Path shared(String rel) {
        Path p = Path.of(System.getProperty("weft.root", "."), "..", "shared", rel).normalize();
        Assumptions.assumeTrue(Files.exists(p), "test data " + p + " is not present");
        return p;
    }

    @Test
    void runsFoldersAndEndsWithTheTotalsLine() throws Exception {
        Path json = dir.resolve("r.json");
        CliRunner r = CliRunner.run("conformance", shared("onnx/node/test_abs").toString(),
                shared("onnx/node/test_unique_length_1").toString(), shared("onnx/node/test_cast_FLOAT_to_FLOAT8E4M3FN").toString(),
                "--by-op", "--json", json.toString(), "--machine", "concurrent", "--show-skipped");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals("2 passed, 0 failed, 1 skipped", lines.getLast());
        assertTrue(r.out().contains("SKIP test_cast_FLOAT_to_FLOAT8E4M3FN: unsupported dtype float8e4m3fn"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Abs ")), r.out());
        assertTrue(Files.readString(json).contains("\"passed\": 2"));
    }

    @Test
    void aWrongResultIsAFailureWithItsReason() throws Exception {
        Path src = shared("onnx/node/test_abs");
        Path copy = dir.resolve("test_abs_wrong");
        Files.createDirectories(copy.resolve("test_data_set_0"));
        Files.copy(src.resolve("model.onnx"), copy.resolve("model.onnx"));
        Files.copy(src.resolve("test_data_set_0/input_0.pb"), copy.resolve("test_data_set_0/input_0.pb"));
        // The input as the expected output: abs(x) != x for negative x.
        Files.copy(src.resolve("test_data_set_0/input_0.pb"), copy.resolve("test_data_set_0/output_0.pb"));
        CliRunner r = CliRunner.run("conformance", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("FAIL test_abs_wrong: test_data_set_0: output 'y':"), r.out());
        assertEquals("0 passed, 1 failed, 0 skipped", r.out().strip().lines().toList().getLast());
    }
}
