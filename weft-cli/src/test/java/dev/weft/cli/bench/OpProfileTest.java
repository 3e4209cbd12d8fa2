package dev.weft.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-op profiles: type names compared across engines, per-run medians, the side-by-side table. */
class OpProfileTest {

    @Test
    void fusedNamesCountUnderTheirFirstStandardOp() {
        assertEquals("Conv", OpProfile.normalise("Conv+Relu"));
        assertEquals("Conv", OpProfile.normalise("FusedConv"));
        assertEquals("MatMul", OpProfile.normalise("MatMul+Add+Gelu"));
        assertEquals("Fused", OpProfile.normalise("Fused"));
        assertEquals("SkipLayerNormalization", OpProfile.normalise("SkipLayerNormalization"));
    }

    @Test
    void oneStallDoesNotMoveANodesFigure() {
        OpProfile.Builder b = new OpProfile.Builder();
        for (int run = 0; run < 19; run++) b.add("pool", "MaxPool", 20_000);
        b.add("pool", "MaxPool", 5_000_000); // the machine stalled once, inside this node
        OpProfile p = b.build("weft", 20);
        assertEquals(0.020, p.msPerNode().get("pool"), 1e-12);
        assertEquals(0.020, p.msPerRun().get("MaxPool"), 1e-12);
    }

    @Test
    void timesArePerRunMedians() {
        OpProfile p = new OpProfile.Builder()
                .add("a", "Conv+Relu", 3_000_000).add("a", "Conv+Relu", 1_000_000)
                .add("b", "Add", 500_000).add("b", "Add", 500_000)
                .build("weft", 2);
        assertEquals(2.0, p.msPerRun().get("Conv"), 1e-12);
        assertEquals(0.5, p.msPerRun().get("Add"), 1e-12);
        assertEquals(1.0, p.nodesPerRun().get("Conv"), 1e-12);
        assertEquals(2.0, p.msPerNode().get("a"), 1e-12);
        assertEquals(2.5, p.totalMs(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new OpProfile.Builder().build("weft", 0));
    }

    @Test
    void theTablePutsEnginesSideBySideAndMatchesRenamedNodes() {
        OpProfile weft = new OpProfile.Builder().add("conv1", "Conv+Relu", 4_000_000).add("fc", "Gemm", 1_000_000).build("weft", 1);
        OpProfile ort = new OpProfile.Builder().add("conv1_fused", "FusedConv", 2_000_000).add("fc", "Gemm", 1_000_000).build("ORT", 1);
        StringWriter out = new StringWriter();
        OpProfile.print(new PrintWriter(out), "m", List.of(weft, ort));
        String text = out.toString();
        assertTrue(text.contains("| Conv | 4.000 (1) | 2.000 (1) | 2.00 |"), text);
        assertTrue(text.contains("| Gemm | 1.000 (1) | 1.000 (1) | 1.00 |"), text);
        assertTrue(text.contains("| all kernels | 5.000 (2) | 3.000 (2) | 1.67 |"), text);
        assertTrue(text.contains("| conv1 | 4.000 | 2.000 | 2.00 |"), text); // ORT's fused node found by prefix
    }
}
