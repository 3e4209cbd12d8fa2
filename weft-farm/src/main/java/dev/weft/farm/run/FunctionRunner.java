package dev.weft.farm.run;

import dev.weft.farm.journal.JournalRecord;
import dev.weft.farm.journal.JournalRecord.Status;
import dev.weft.farm.progress.ProgressBoard;
import dev.weft.farm.task.Placeholders;
import dev.weft.farm.task.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs attempts as calls of a {@link TaskFunction} on the worker's own thread. A timeout or a farm stop
 * interrupts that thread. The context's output stream goes to {@code INDEX.out} or to the console; an
 * exception's stack trace goes to {@code INDEX.err}. Thread-safe.
 */
final class FunctionRunner implements AttemptRunner {
    private final TaskFunction function;
    private final Placeholders placeholders;
    private final Outputs outputs;
    private final Farm farm;
    private final Duration timeout;

    FunctionRunner(TaskFunction function, Placeholders placeholders, Outputs outputs, Farm farm, Duration timeout) {
        this.function = function;
        this.placeholders = placeholders;
        this.outputs = outputs;
        this.farm = farm;
        this.timeout = timeout;
    }

    @Override
    public Outcome run(Task task, int worker, int attempt) {
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        farm.journalStart(new JournalRecord.Started(task.index(), attempt, worker, -1, startMillis));
        farm.board().running(worker, new ProgressBoard.Slot(task.index(), attempt, t0, "java task " + task.index()));
        var timedOut = new AtomicBoolean();
        var done = new boolean[1]; // guarded by `doneLock`: the watchdog interrupts only while the function runs
        var doneLock = new ReentrantLock();
        Thread self = Thread.currentThread();
        Thread watchdog = timeout == null ? null : Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
                doneLock.lock();
                try {
                    if (!done[0]) {
                        timedOut.set(true);
                        self.interrupt();
                    }
                } finally {
                    doneLock.unlock();
                }
            } catch (InterruptedException e) {
                // the task finished first
            }
        });
        Status status;
        int exit;
        String detail = null;
        Throwable failure = null;
        farm.register(worker, self);
        try (OutputStream raw = open(task); PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8)) {
            try {
                function.run(new TaskContext(task, placeholders, worker, attempt, out));
                status = Status.OK;
                exit = 0;
            } catch (Exception | Error e) {
                failure = e;
                exit = 1;
                status = timedOut.get() ? Status.TIMED_OUT : farm.killing() ? Status.KILLED : Status.FAILED;
                // (a function that returns normally despite the interrupt did finish its work: it stays OK)
                detail = timedOut.get() ? "interrupted after the timeout" : e.toString();
            }
        } catch (IOException e) {
            status = Status.FAILED;
            exit = 1;
            detail = "cannot write output: " + e.getMessage();
        } finally {
            doneLock.lock();
            try {
                done[0] = true;
            } finally {
                doneLock.unlock();
            }
            farm.unregister(worker);
            if (watchdog != null) watchdog.interrupt();
            Thread.interrupted(); // clear an interrupt that arrived while the function ran; no later one can come
        }
        if (failure != null) writeFailure(task, failure);
        return new Outcome(task.index(), attempt, worker, status, exit, startMillis, (System.nanoTime() - t0) / 1_000_000, detail);
    }

    private OutputStream open(Task task) throws IOException {
        if (outputs.stream()) {
            String prefix = outputs.tag().expand(task);
            return new LineOutputStream(line -> outputs.console().taskLine(prefix + line, false));
        }
        return Files.newOutputStream(outputs.outFile(task.index()));
    }

    private void writeFailure(Task task, Throwable failure) {
        var text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        if (outputs.stream()) {
            outputs.taskMessage(task, failure.toString());
            return;
        }
        try {
            Files.writeString(outputs.errFile(task.index()), text.toString());
        } catch (IOException ignored) {
            // the summary and journal still record the failure
        }
    }
}
