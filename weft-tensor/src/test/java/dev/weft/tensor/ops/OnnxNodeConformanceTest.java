package dev.weft.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every single-node ONNX backend test whose operator {@link NodeRunner} maps, on this
 * package's ops, against ONNX's expected outputs (rtol 1e-3, atol 1e-7, as the ONNX runner uses).
 * Every mapped test must pass except those listed in {@link #KNOWN}, each with its reason.
 */
class OnnxNodeConformanceTest {
    private static final Path NODE = Path.of(System.getProperty("weft.root", "."), "..", "shared", "onnx", "node");

    /** Tests that are expected to fail, with why. */
    private static final Set<String> KNOWN = Set.of(
            // The expected output was computed in float32 and holds rounding noise (1.9e-7) where the
            // exact value is 0; weft computes in double and gives 3e-15, outside atol 1e-7.
            "test_dft_inverse", "test_dft_inverse_opset19");

    @Test
    void mappedBackendTestsPassOnTheVectorPath() throws IOException {
        runAll("vector");
    }

    @Test
    void mappedBackendTestsPassOnTheScalarPath() throws IOException {
        String old = System.getProperty("weft.vector");
        System.setProperty("weft.vector", "false");
        try {
            runAll("scalar");
        } finally {
            if (old == null) System.clearProperty("weft.vector");
            else System.setProperty("weft.vector", old);
        }
    }

    private void runAll(String path) throws IOException {
        assumeTrue(Files.isDirectory(NODE), "ONNX backend tests not present at " + NODE);
        List<String> failures = new ArrayList<>();
        TreeMap<String, int[]> perOp = new TreeMap<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(NODE)) {
            dirs = s.sorted().toList();
        }
        int passed = 0, known = 0;
        for (Path dir : dirs) {
            Path model = dir.resolve("model.onnx");
            if (!Files.exists(model)) continue;
            OnnxNode node;
            try {
                node = OnnxNode.read(model);
            } catch (RuntimeException | IOException e) {
                continue;
            }
            if (node.nodeCount() != 1 || !(node.domain().isEmpty() || node.domain().equals("ai.onnx"))) continue;
            String name = dir.getFileName().toString();
            String verdict;
            try {
                verdict = runOne(dir, node);
            } catch (RuntimeException | IOException e) {
                verdict = "threw " + e;
            }
            if (verdict == null) continue;
            int[] c = perOp.computeIfAbsent(node.opType(), k -> new int[2]);
            if (verdict.isEmpty()) {
                passed++;
                c[0]++;
            } else {
                c[1]++;
                if (KNOWN.contains(name)) known++;
                else failures.add(name + " (" + node.opType() + "): " + verdict);
            }
        }
        System.out.println("ONNX node tests on weft ops (" + path + " path): " + passed + " passed, " + known + " known failures, "
                + failures.size() + " failed, per op " + summary(perOp));
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }

    private static String summary(TreeMap<String, int[]> perOp) {
        StringBuilder sb = new StringBuilder();
        perOp.forEach((k, v) -> sb.append(k).append('=').append(v[0]).append(v[1] > 0 ? "/" + (v[0] + v[1]) : "").append(' '));
        return sb.toString();
    }

    /** "" when it passed, a reason when it failed, null when the op or data is not mapped. */
    private static String runOne(Path dir, OnnxNode node) throws IOException {
        Path set = dir.resolve("test_data_set_0");
        List<Tensor> inputs = new ArrayList<>();
        List<String> names = node.graphInputs();
        try {
            for (int i = 0; i < names.size(); i++) {
                Path f = set.resolve("input_" + i + ".pb");
                if (!Files.exists(f)) return null;
                inputs.add(TensorProtoReader.read(f));
            }
        } catch (IOException | RuntimeException e) {
            return null; // a dtype or proto kind (sequence, optional, string, float8, int4) that weft does not store
        }
        List<Tensor> ordered = new ArrayList<>();
        for (String in : node.inputs()) ordered.add(in.isEmpty() ? null : inputs.get(names.indexOf(in)));
        while (!ordered.isEmpty() && ordered.get(ordered.size() - 1) == null) ordered.remove(ordered.size() - 1);
        Tensor[] got = NodeRunner.run(node, ordered);
        if (got == null) return null;
        int compared = 0;
        for (int i = 0; i < node.outputs().size(); i++) {
            if (node.outputs().get(i).isEmpty()) continue;
            Path f = set.resolve("output_" + i + ".pb");
            if (!Files.exists(f)) continue;
            Tensor want;
            try {
                want = TensorProtoReader.read(f);
            } catch (IOException e) {
                return null;
            }
            if (i >= got.length) return "missing output " + i;
            String diff = compare(want, got[i]);
            if (diff != null) return "output " + i + ": " + diff;
            compared++;
        }
        return compared == 0 ? null : "";
    }

    private static String compare(Tensor want, Tensor got) {
        if (!want.shape().equals(got.shape())) return "shape " + got.shape() + " instead of " + want.shape();
        if (want.dtype() != got.dtype()) return "dtype " + got.dtype() + " instead of " + want.dtype();
        for (int i = 0; i < want.size(); i++) {
            if (want.dtype().isFloating()) {
                double e = want.getDouble(i), a = got.getDouble(i);
                if (Double.isNaN(e) && Double.isNaN(a) || e == a) continue;
                double tol = want.dtype() == DType.FLOAT16 || want.dtype() == DType.BFLOAT16 ? 1e-2 : 1e-3;
                if (!(Math.abs(e - a) <= 1e-7 + tol * Math.abs(e))) return "element " + i + " is " + a + " instead of " + e;
            } else if (want.getLong(i) != got.getLong(i)) {
                return "element " + i + " is " + got.getLong(i) + " instead of " + want.getLong(i);
            }
        }
        return null;
    }
}
