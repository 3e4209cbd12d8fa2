package dev.weft.cli;

import dev.weft.farm.interactive.Interview;
import dev.weft.farm.journal.Journal;
import dev.weft.farm.progress.Reporter;
import dev.weft.farm.run.Farm;
import dev.weft.farm.run.FarmConfig;
import dev.weft.farm.run.FarmResult;
import dev.weft.farm.run.HaltPolicy;
import dev.weft.farm.run.TaskAction;
import dev.weft.farm.task.TaskSource;
import dev.weft.farm.units.ByteSizes;
import dev.weft.farm.units.Durations;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft farm}: parses the options into a {@link FarmConfig} and runs a {@link Farm}; all the
 * behaviour lives in the weft-farm library. With no arguments on a terminal it runs the interview.
 */
@Command(name = "farm", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run a command once per task over many workers, with a journal, retries, timeouts and resume.",
                "Tasks: --range A..B [--batch N] gives {index} {start} {count} {end}; --lines FILE (or stdin) gives {} {index};"
                        + " --csv/--tsv FILE gives {column} for each header column."},
        footer = {"", "Examples:",
                "  weft farm --range 0..10000 --batch 100 -j 32 -- python job.py --start {start} --count {count}",
                "  ls *.png | weft farm --stream -- convert {} {}.jpg",
                "  weft farm --resume --results farm-results --range 0..10000 --batch 100 -- python job.py {start} {count}"})
final class FarmCommand implements Callable<Integer> {

    @Option(names = "--range", paramLabel = "A..B", description = "Integers from A to B (exclusive), cut into batches.")
    String range;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Batch size for --range (default ${DEFAULT-VALUE}).")
    long batch;

    @Option(names = "--lines", paramLabel = "FILE", description = "One task per line of FILE ('-' for stdin, the default source).")
    String lines;

    @Option(names = "--csv", paramLabel = "FILE", description = "One task per row of a CSV file with a header row.")
    Path csv;

    @Option(names = "--tsv", paramLabel = "FILE", description = "One task per row of a tab-separated file with a header row.")
    Path tsv;

    @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Worker slots (default: the number of cores; may be more).")
    Integer workers;

    @Option(names = "--results", paramLabel = "DIR", description = "Folder for INDEX.out / INDEX.err per task and the journal (default farm-results unless --stream).")
    Path results;

    @Option(names = "--stream", description = "Stream task output live, line by line, prefixed with --tag, instead of writing files.")
    boolean stream;

    @Option(names = "--tag", paramLabel = "TEMPLATE", defaultValue = "[{index}] ", description = "Prefix of streamed lines (default '${DEFAULT-VALUE}').")
    String tag;

    @Option(names = "--journal", paramLabel = "FILE", description = "Journal file (default DIR/journal.tsv of --results).")
    Path journal;

    @Option(names = "--resume", description = "Continue the journal's run: skip tasks done, rerun failed and interrupted ones.")
    boolean resume;

    @Option(names = "--sync", paramLabel = "MODE", defaultValue = "group",
            description = "group: the journal is flushed to disk every 50 ms at most and workers never wait; commit: a worker waits until its task's record is on disk (default ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0", description = "Retry a failed task up to N times (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "1s", description = "First retry delay, doubled each retry, at most 1m (default ${DEFAULT-VALUE}).")
    String retryDelay;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Kill a task's process tree after this long (TERM, then KILL after --kill-grace).")
    String timeout;

    @Option(names = "--kill-grace", paramLabel = "DURATION", defaultValue = "5s", description = "Time between TERM and KILL (default ${DEFAULT-VALUE}).")
    String killGrace;

    @Option(names = "--halt", paramLabel = "RULE", defaultValue = "never",
            description = "never | now,fail=N | soon,fail=N | now,fail=P%% | soon,fail=P%% (default ${DEFAULT-VALUE}).")
    String halt;

    @Option(names = "--memfree", paramLabel = "SIZE", description = "Start no task while available memory is below SIZE (e.g. 2G).")
    String memfree;

    @Option(names = "--shell", description = "Run the command through sh -c (substituted values are shell-quoted).")
    boolean shell;

    @Option(names = "--input", paramLabel = "TEMPLATE", description = "Write this (filled per task) to each task's stdin.")
    String input;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "End a line source that sends nothing this long (the original tool used 10s).")
    String idleTimeout;

    @Option(names = "--queue", paramLabel = "N", description = "Capacity of the task queue (default 2 x workers, at least 16).")
    Integer queue;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto | bar | plain | none (default ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s", description = "Period of plain progress lines (default ${DEFAULT-VALUE}).")
    String progressInterval;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments, after --; placeholders like {start} are filled per task.")
    List<String> command = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (spec.commandLine().getParseResult().originalArgs().isEmpty()) {
            var console = System.console();
            if (console != null && console.isTerminal()) return interview();
        }
        FarmResult result = new Farm(config(), System.out, System.err).run();
        return result.exitCode();
    }

    FarmConfig config() {
        int sources = (range != null ? 1 : 0) + (lines != null ? 1 : 0) + (csv != null ? 1 : 0) + (tsv != null ? 1 : 0);
        if (sources > 1) throw new IllegalArgumentException("give only one of --range, --lines, --csv, --tsv");
        TaskSource source;
        if (range != null) source = TaskSource.Range.parse(range, batch);
        else if (csv != null) source = new TaskSource.Csv(csv, ',');
        else if (tsv != null) source = new TaskSource.Csv(tsv, '\t');
        else {
            source = new TaskSource.Lines(lines == null || lines.equals("-") ? null : Path.of(lines));
            var console = System.console();
            if (lines == null && console != null && console.isTerminal()) {
                System.err.println("weft farm: reading tasks from stdin, one per line (end with Ctrl-D); or give --range, --lines, --csv, --tsv");
            }
        }
        var action = new TaskAction.Command(command, shell, input);
        var b = FarmConfig.builder(source, action)
                .stream(stream).tag(tag).journal(journal).resume(resume)
                .results(results != null ? results : stream ? null : Path.of("farm-results"))
                .sync(switch (sync.toLowerCase(Locale.ROOT)) {
                    case "group" -> Journal.Sync.GROUP;
                    case "commit" -> Journal.Sync.COMMIT;
                    default -> throw new IllegalArgumentException("--sync: '" + sync + "' is not group or commit");
                })
                .retries(retries).retryDelay(Durations.parse(retryDelay, "--retry-delay"))
                .killGrace(Durations.parse(killGrace, "--kill-grace"))
                .halt(HaltPolicy.parse(halt))
                .progress(switch (progress.toLowerCase(Locale.ROOT)) {
                    case "auto" -> Reporter.Mode.AUTO;
                    case "bar" -> Reporter.Mode.BAR;
                    case "plain" -> Reporter.Mode.PLAIN;
                    case "none" -> Reporter.Mode.NONE;
                    default -> throw new IllegalArgumentException("--progress: '" + progress + "' is not auto, bar, plain or none");
                })
                .progressInterval(Durations.parse(progressInterval, "--progress-interval"))
                .handleSignals(true);
        if (workers != null) b.workers(workers);
        if (queue != null) b.queueCapacity(queue);
        if (timeout != null) b.timeout(Durations.parse(timeout, "--timeout"));
        if (memfree != null) b.memFree(ByteSizes.parse(memfree, "--memfree"));
        if (idleTimeout != null) b.idleTimeout(Durations.parse(idleTimeout, "--idle-timeout"));
        return b.build();
    }

    private int interview() throws Exception {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var interview = new Interview(in, System.out);
        List<String> args = interview.ask();
        if (args == null) return 1;
        System.out.println("The same farm as a command line:");
        System.out.println("  " + Interview.commandLine(args));
        if (!interview.confirm("Run it now?")) return 0;
        var again = new FarmCommand();
        new CommandLine(again).parseArgs(args.toArray(String[]::new));
        return new Farm(again.config(), System.out, System.err).run().exitCode();
    }
}
