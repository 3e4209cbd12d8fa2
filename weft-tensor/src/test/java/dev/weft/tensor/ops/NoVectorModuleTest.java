package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.Fixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link FallbackProbe} in a fresh JVM that lacks {@code jdk.incubator.vector}: every op must
 * work there and give bit for bit what the scalar path gives in this JVM.
 */
class NoVectorModuleTest {
    @Test
    void opsRunWithoutTheVectorModuleAndMatchTheScalarPath() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(VectorSupport.class) + File.pathSeparator + location(FallbackProbe.class);
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, FallbackProbe.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        String header = "module=false enabled=false\n";
        assertTrue(out.startsWith(header), out.lines().findFirst().orElse(""));
        String scalar = Fixtures.scalarOnly(FallbackProbe::run);
        assertEquals(scalar, out.substring(header.length()));
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
