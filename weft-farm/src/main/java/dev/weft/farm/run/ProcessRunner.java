package dev.weft.farm.run;

import dev.weft.farm.journal.JournalRecord;
import dev.weft.farm.journal.JournalRecord.Status;
import dev.weft.farm.proc.ProcessTree;
import dev.weft.farm.progress.ProgressBoard;
import dev.weft.farm.task.Task;
import dev.weft.farm.task.Template;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs attempts as external processes: argv from the templates (or {@code sh -c} with quoted values),
 * environment {@code WEFT_TASK_INDEX}, {@code WEFT_WORKER}, {@code WEFT_ATTEMPT}, stdin from the
 * payload template or empty, output to files or pumped to the console; a timeout terminates the whole
 * process tree. Thread-safe: each call uses only its own locals and the farm's thread-safe registry.
 */
final class ProcessRunner implements AttemptRunner {
    private static final File DEV_NULL = new File("/dev/null");
    private final List<Template> argv;
    private final boolean shell;
    private final Template stdin;
    private final Outputs outputs;
    private final Farm farm;
    private final Duration timeout;
    private final Duration grace;

    ProcessRunner(List<Template> argv, boolean shell, Template stdin, Outputs outputs, Farm farm, Duration timeout, Duration grace) {
        this.argv = argv;
        this.shell = shell;
        this.stdin = stdin;
        this.outputs = outputs;
        this.farm = farm;
        this.timeout = timeout;
        this.grace = grace;
    }

    List<String> commandLine(Task task) {
        var cmd = new ArrayList<String>(argv.size());
        if (shell) {
            var sb = new StringBuilder();
            for (Template t : argv) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(t.expand(task, Template::shellQuote));
            }
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add(sb.toString());
        } else {
            for (Template t : argv) cmd.add(t.expand(task));
        }
        return cmd;
    }

    @Override
    public Outcome run(Task task, int worker, int attempt) {
        List<String> cmd = commandLine(task);
        var pb = new ProcessBuilder(cmd);
        var env = pb.environment();
        env.put("WEFT_TASK_INDEX", Long.toString(task.index()));
        env.put("WEFT_WORKER", Integer.toString(worker));
        env.put("WEFT_ATTEMPT", Integer.toString(attempt));
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(DEV_NULL) : ProcessBuilder.Redirect.PIPE);
        if (outputs.stream()) {
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE);
        } else {
            pb.redirectOutput(outputs.outFile(task.index()).toFile()).redirectError(outputs.errFile(task.index()).toFile());
        }
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String why = "cannot run '" + cmd.getFirst() + "': " + startError(e);
            reportStartFailure(task, why);
            farm.journalStart(new JournalRecord.Started(task.index(), attempt, worker, -1, startMillis));
            return new Outcome(task.index(), attempt, worker, Status.FAILED, 127, startMillis, 0, why);
        }
        farm.register(worker, p.toHandle());
        farm.journalStart(new JournalRecord.Started(task.index(), attempt, worker, p.pid(), startMillis));
        farm.board().running(worker, new ProgressBoard.Slot(task.index(), attempt, t0, String.join(" ", cmd)));
        Thread[] pumps = startPumps(p, task);
        boolean timedOut = waitFor(p);
        joinPumps(pumps);
        boolean killed = farm.unregister(worker);
        int exit = p.exitValue();
        long durationMillis = (System.nanoTime() - t0) / 1_000_000;
        Status status = timedOut ? Status.TIMED_OUT : killed ? Status.KILLED : exit == 0 ? Status.OK : Status.FAILED;
        String detail = timedOut ? "killed after the timeout of " + dev.weft.farm.units.Durations.format(timeout) : null;
        return new Outcome(task.index(), attempt, worker, status, exit, startMillis, durationMillis, detail);
    }

    private Thread[] startPumps(Process p, Task task) {
        if (stdin != null) {
            byte[] payload = (stdin.expand(task) + "\n").getBytes(StandardCharsets.UTF_8);
            Thread.ofVirtual().start(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    os.write(payload);
                } catch (IOException e) {
                    // The process exited without reading its input; its exit code tells the story.
                }
            });
        }
        if (!outputs.stream()) return null;
        return new Thread[] {
            Thread.ofVirtual().start(() -> outputs.pump(p.getInputStream(), task, false)),
            Thread.ofVirtual().start(() -> outputs.pump(p.getErrorStream(), task, true))
        };
    }

    private static void joinPumps(Thread[] pumps) {
        if (pumps == null) return;
        for (Thread t : pumps) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the process; on timeout terminates its tree. Returns whether it timed out. */
    private boolean waitFor(Process p) {
        boolean timedOut = false;
        while (true) {
            try {
                if (timeout == null || timedOut) {
                    p.waitFor();
                    return timedOut;
                }
                if (p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) return false;
                timedOut = true;
                ProcessTree.terminate(p.toHandle(), grace);
            } catch (InterruptedException e) {
                // Workers are never meant to be interrupted; make sure the process does not outlive us.
                ProcessTree.terminate(p.toHandle(), grace);
            }
        }
    }

    private void reportStartFailure(Task task, String why) {
        if (outputs.stream()) {
            outputs.taskMessage(task, why);
            return;
        }
        try {
            Files.writeString(outputs.errFile(task.index()), why + "\n");
            Files.deleteIfExists(outputs.outFile(task.index()));
        } catch (IOException ignored) {
            // The journal and summary still record the failure.
        }
    }

    private static String startError(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("error=");
        if (i >= 0) {
            int comma = m.indexOf(", ", i);
            return comma >= 0 ? m.substring(comma + 2) : m.substring(i);
        }
        return m;
    }
}
