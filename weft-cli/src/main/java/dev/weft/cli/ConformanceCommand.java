package dev.weft.cli;

import dev.weft.machine.Machine;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.conformance.ConformanceRunner;
import dev.weft.onnx.conformance.Executor;
import dev.weft.onnx.conformance.Outcome;
import dev.weft.onnx.conformance.Report;
import dev.weft.onnx.conformance.TestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft conformance DIR...}: runs ONNX backend-style test folders and prints a line per
 * failing test, optionally a per-op table, and last the line {@code N passed, N failed, N skipped}.
 * Exit code 0 when nothing failed, 1 otherwise.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run ONNX backend test folders (model.onnx + test_data_set_N) and compare with the references.")
final class ConformanceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Test folders, or folders searched recursively for them.")
    List<Path> dirs;

    @Option(names = "--machine", defaultValue = "sequential", paramLabel = "sequential|concurrent",
            description = "The machine to run on (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--by-op", description = "Print a table of passed/failed/skipped tests per op type.")
    boolean byOp;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every result to FILE as JSON.")
    Path json;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-7", description = "Absolute tolerance (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Per-test time limit; a test past it fails (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--show-skipped", description = "Also print a line per skipped test with its reason.")
    boolean showSkipped;

    @Option(names = "--show-passed", description = "Also print a line per passing test (e.g. to regenerate a baseline).")
    boolean showPassed;

    @Override
    public Integer call() throws Exception {
        if (!machine.equals("sequential") && !machine.equals("concurrent")) {
            throw new IllegalArgumentException("--machine must be sequential or concurrent, not '" + machine + "'");
        }
        if (timeoutSeconds < 1) throw new IllegalArgumentException("--timeout must be at least 1 second");
        PrintWriter out = spec.commandLine().getOut();
        Executor exec = (model, feeds) -> {
            model.checkInputs(feeds);
            try (Machine m = OnnxGraphs.machine(model, machine)) {
                return m.run(feeds);
            }
        };
        ConformanceRunner runner = new ConformanceRunner(exec, rtol, atol, Duration.ofSeconds(timeoutSeconds));
        List<Path> tests = ConformanceRunner.discover(dirs);
        if (tests.isEmpty()) throw new IllegalArgumentException("no test folders (with model.onnx) under " + dirs);
        List<TestResult> results = runner.runAll(tests, r -> {
            if (r.outcome() == Outcome.FAILED) out.println("FAIL " + r.name() + ": " + r.reason());
            else if (r.outcome() == Outcome.SKIPPED && showSkipped) out.println("SKIP " + r.name() + ": " + r.reason());
            else if (r.outcome() == Outcome.PASSED && showPassed) out.println("PASS " + r.name());
            out.flush();
        });
        if (byOp) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            try (java.io.PrintStream ps = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8)) {
                Report.printByOp(results, ps);
            }
            out.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (json != null) Report.writeJson(results, json);
        out.println(Report.totals(results));
        out.flush();
        return Report.count(results, Outcome.FAILED) == 0 ? 0 : 1;
    }
}
