package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The launch path's reader of {@code weft run}'s arguments agrees with picocli's, or leaves them to it. */
class RunOptionsTest {
    @TempDir Path dir;

    @Test
    void knowsEveryOptionThatPicocliDeclaresForRun() {
        Set<String> ownedByPicocli = Set.of("-h", "--help", "-V", "--version");
        for (OptionSpec o : new CommandLine(new RunCommand()).getCommandSpec().options()) {
            for (String name : o.names()) {
                if (ownedByPicocli.contains(name)) continue;
                assertTrue(RunOptions.VALUED.contains(name), name + " is declared by RunCommand but not read by RunOptions.parse");
                assertNotNull(RunOptions.parse(List.of(name, value(name))), name);
            }
        }
        assertEquals(RunOptions.VALUED.size(), new CommandLine(new RunCommand()).getCommandSpec().options().stream()
                .mapToInt(o -> o.names().length).sum() - ownedByPicocli.size(), "RunOptions reads an option RunCommand lacks");
    }

    @Test
    void readsArgumentsAsPicocliDoes() {
        List<List<String>> cases = List.of(
                List.of(),
                List.of("--example", "mnist"),
                List.of("--example=mnist", "--repeat", "3"),
                List.of("model.onnx", "-i", "a=x.pb", "--input", "b.npy", "--input=c=d.npz"),
                List.of("-o", "out", "--format", "npz", "--machine", "concurrent", "m.onnx"),
                List.of("--output=out", "--machine=sequential", "--repeat=0"));
        for (List<String> args : cases) {
            RunCommand cmd = new RunCommand();
            new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
            assertEquals(cmd.options(), RunOptions.parse(args), args.toString());
        }
        assertTrue(RunOptions.parse(List.of("--verbose", "--example", "mnist")).verbose());
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("--bogus", "1"),
                List.of("--repeat", "three"), List.of("--repeat", "-1"), List.of("--example"),
                List.of("--example", "a", "--example", "b"), List.of("-o", "a", "--output", "b"),
                List.of("a.onnx", "b.onnx"), List.of("-ix.pb"), List.of("--", "a.onnx"))) {
            assertNull(RunOptions.parse(args), args.toString());
        }
        CliRunner r = CliRunner.run("run", "--repeat", "three");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("Invalid value for option '--repeat'"), r.err());
        CliRunner help = CliRunner.run("run", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: weft run"), help.out());
    }

    @Test
    void errorsOnTheDirectPathAreOneLine() {
        CliRunner r = CliRunner.run("run", "--example", "mnist", "--machine", "fast");
        assertEquals(1, r.exitCode());
        assertEquals("weft: --machine must be sequential or concurrent, not 'fast'", r.err().strip());
        CliRunner verbose = CliRunner.run("run", "--verbose", "--example", "mnist", "--repeat", "0");
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().contains("\tat dev.weft.cli.RunCommand.execute"), verbose.err());
        assertTrue(verbose.err().strip().endsWith("weft: --repeat must be at least 1, got 0"), verbose.err());
    }

    /**
     * In a fresh JVM, {@code weft run --example mnist} loads no picocli class (building its model
     * is a third of the cold start), and runs without {@code jdk.incubator.vector}.
     */
    @Test
    void theLaunchPathLoadsNoPicocliClass() throws Exception {
        Path classes = dir.resolve("classes.log");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                Weft.class.getName(), "run", "--example", "mnist"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "weft run did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("output Plus214_Output_0: float32[1, 10]"), out);
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("dev.weft.cli.RunCommand"), "the log does not list weft's own classes");
        assertFalse(loaded.contains(" picocli."), "picocli was loaded on the launch path");
    }

    private static String value(String option) {
        return option.equals("--repeat") ? "2" : "v";
    }
}
