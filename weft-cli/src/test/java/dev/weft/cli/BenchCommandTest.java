package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weft bench in the CLI module alone, where ONNX Runtime is absent: it says so and times weft. */
class BenchCommandTest {
    private static final Path MODELS = Path.of(System.getProperty("weft.root"), "..", "shared", "models");

    @Test
    void timesWeftAloneWhenTheOnnxRuntimePeerIsMissing(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRunner r = CliRunner.run("bench", MODELS.resolve("mlp").toString(), "--machine", "all", "--vs", "onnxruntime",
                "--runs", "3", "--warmup", "1", "--warmup-seconds", "0", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ONNX Runtime is not available here"), r.out());
        assertTrue(r.out().contains("| model | weft sequential | weft concurrent |"), r.out());
        assertTrue(r.out().contains("| mlp |"), r.out());
        assertTrue(r.out().contains("load average (1 min) before: "), r.out());
        String text = Files.readString(json);
        assertTrue(text.startsWith("[\n  {\"model\": \"mlp\""), text);
        assertTrue(text.contains("\"weft_median_ms\": "), text);
        assertTrue(!r.out().contains("per round"), "no paired table without a peer: " + r.out());
    }

    @Test
    void profileShowsWhereWeftsTimeGoes() {
        CliRunner r = CliRunner.run("bench", MODELS.resolve("mlp").toString(), "--runs", "2", "--warmup", "1",
                "--warmup-seconds", "0", "--profile", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| mlp: op | weft concurrent ms/run (nodes) |"), r.out());
        assertTrue(r.out().contains("| Gemm |"), r.out());
        assertTrue(r.out().contains("| mlp: node | weft concurrent ms/run |"), r.out());
        assertTrue(r.out().contains("median over 3 alternating runs"), r.out());
    }

    @Test
    void aFolderWithoutAModelIsAOneLineError(@TempDir Path dir) {
        CliRunner r = CliRunner.run("bench", dir.toString());
        assertEquals(1, r.exitCode());
        assertEquals("weft: " + dir + ": no model.onnx there", r.err().strip());
    }

    @Test
    void heavyAllocationPerRunIsFlagged() {
        assertNull(BenchCommand.heapWarning("mnist", 8_400, 44_000), "a small model's floor");
        assertNull(BenchCommand.heapWarning("resnet18", 65_000, 10_000_000), "0.65%");
        assertNull(BenchCommand.heapWarning("peer", -1, -1), "not measured");
        String w = BenchCommand.heapWarning("mobilenet_v2", 1_909_000, 26_000_000);
        assertTrue(w != null && w.contains("mobilenet_v2") && w.contains("1909 KB") && w.contains("7.3%"), w);
    }
}
