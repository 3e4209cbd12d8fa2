package dev.weft.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the {@code weft} command. Each verb is a subcommand class; this class only wires
 * them together and decides how errors look: a user sees one line naming what was wrong, and the
 * stack trace only with {@code --verbose}.
 */
@Command(name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = Weft.Version.class,
        description = "A concurrent computation engine for the JVM: tensor graphs run vertex by vertex, and a job farm.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                RunCommand.class,
                ConformanceCommand.class,
                FarmCommand.class,
                TrainCommand.class,
                BenchCommand.class,
                InferCommand.class,
        })
public final class Weft {

    /** Set by the global {@code --verbose} flag; read by the error handler. */
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and for {@link #main}). */
    public static int run(String... args) {
        RunOptions fast = args.length > 0 && args[0].equals("run") ? RunOptions.parse(List.of(args).subList(1, args.length)) : null;
        if (fast != null) return runDirectly(fast);
        CommandLine cli = new CommandLine(new Weft());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            if (verbose) ex.printStackTrace(commandLine.getErr());
            commandLine.getErr().println("weft: " + oneLine(ex));
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * {@code weft run} without picocli (see {@link RunOptions}), with the same output streams and
     * the same one-line errors as {@link #run}'s handler.
     */
    private static int runDirectly(RunOptions options) {
        PrintWriter out = new PrintWriter(System.out, true), err = new PrintWriter(System.err, true);
        try {
            RunCommand.execute(options, out);
            return 0;
        } catch (Exception ex) {
            if (options.verbose()) ex.printStackTrace(err);
            err.println("weft: " + oneLine(ex));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The exception's message, else the first cause's that has one, on a single line. */
    static String oneLine(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage().replace('\n', ' ').strip();
        }
        return ex.getClass().getSimpleName();
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Weft.class.getPackage().getImplementationVersion();
            return new String[] {"weft " + (v == null ? "(development build)" : v)
                    + " on Java " + Runtime.version()};
        }
    }
}
