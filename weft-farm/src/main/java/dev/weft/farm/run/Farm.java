package dev.weft.farm.run;

import dev.weft.farm.journal.Journal;
import dev.weft.farm.journal.JournalRecord;
import dev.weft.farm.journal.JournalReplay;
import dev.weft.farm.proc.Leftovers;
import dev.weft.farm.proc.MemoryGate;
import dev.weft.farm.progress.Console;
import dev.weft.farm.progress.ProgressBoard;
import dev.weft.farm.progress.Reporter;
import dev.weft.farm.task.Task;
import dev.weft.farm.task.TaskReader;
import dev.weft.farm.task.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one farm: a producer thread reads the source into a bounded queue (so a huge source is never
 * in memory and the producer blocks when workers fall behind), N worker virtual threads take tasks and
 * run them, the journal records every attempt, a reporter shows progress, and {@link #run()} returns
 * the {@link FarmResult} once the source is exhausted and every worker is idle, or the farm was stopped.
 *
 * <p>Stopping: {@link #stop} (from a halt rule, a signal's shutdown hook, or the Java caller) ends
 * dispatching; with {@code kill} it also terminates every running process tree (TERM, then KILL after
 * the grace period) and interrupts running Java tasks. Attempts ended that way are journaled as
 * {@code killed}, so {@code --resume} runs them again. One instance runs once; {@link #stop} may be
 * called from any thread.
 */
public final class Farm {
    private static final Duration POLL = Duration.ofMillis(50);
    private final FarmConfig cfg;
    private final PrintStream out;
    private final PrintStream err;
    private final ProgressBoard board;
    private final RunningAttempts running;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Outcome> failures = new ArrayList<>();
    private BlockingQueue<Task> queue;
    private Journal journal;
    private MemoryGate memory;
    private volatile boolean dispatching = true;
    private volatile boolean killing;
    private volatile boolean producerDone;
    private volatile String stopReason;
    private Console console;
    private Outputs outputs;

    /** A farm writing streamed output to System.out and progress and summary to System.err. */
    public Farm(FarmConfig config) {
        this(config, System.out, System.err);
    }

    public Farm(FarmConfig config, PrintStream out, PrintStream err) {
        this.cfg = config;
        this.out = out;
        this.err = err;
        this.board = new ProgressBoard(config.workers());
        this.running = new RunningAttempts(config.killGrace());
    }

    /** Runs the farm with {@code config}; shorthand for {@code new Farm(config).run()}. */
    public static FarmResult run(FarmConfig config) throws IOException, InterruptedException {
        return new Farm(config).run();
    }

    /**
     * Runs every task and returns the result; the summary has been printed on the error stream.
     *
     * @throws IOException for problems found before any task runs (unreadable source or journal, bad
     *                     results folder), with a one-line message naming the file
     * @throws IllegalArgumentException for a bad template (unknown placeholder) or a command not found
     */
    public FarmResult run() throws IOException, InterruptedException {
        TaskReader reader = cfg.source().open(cfg.idleTimeout());
        Thread hook = null;
        Reporter reporter = null;
        try {
            Reporter.Mode mode = resolve(cfg.progress());
            console = new Console(out, err, mode == Reporter.Mode.BAR);
            Template tag = Template.parse(cfg.tag(), reader.placeholders(), "--tag");
            outputs = new Outputs(cfg.results(), cfg.stream() || !(cfg.action() instanceof TaskAction.Command), cfg.stream(), tag, console);
            AttemptRunner runner = runner(reader, outputs);
            JournalReplay replay = openJournal();
            if (cfg.memFreeBytes() > 0) memory = new MemoryGate(cfg.memFreeBytes());
            board.total(reader.size());
            queue = new ArrayBlockingQueue<>(cfg.queueCapacity());
            if (cfg.handleSignals()) hook = installHook();
            int[] size = mode == Reporter.Mode.BAR ? TerminalSize.query() : new int[] {100, 40};
            reporter = new Reporter(board, console, mode, cfg.progressInterval(), size[0], size[1]);

            Thread producer = Thread.ofPlatform().daemon().name("weft-farm-producer").start(() -> produce(reader, replay));
            List<Thread> workers = new ArrayList<>(cfg.workers());
            for (int w = 1; w <= cfg.workers(); w++) {
                workers.add(Thread.ofVirtual().name("weft-farm-worker-" + w).start(new Worker(this, w, runner)));
            }
            for (Thread t : workers) t.join();
            if (!producerDone) producer.join(100); // blocked on an open stdin after a stop: it is a daemon
            var unstarted = new ArrayList<Task>();
            queue.drainTo(unstarted);
            for (Task t : unstarted) outputs.discard(t);
            reporter.close();
            reporter = null;
            closeJournal();
            FarmResult result = result();
            console.message(result.summary());
            return result;
        } finally {
            if (reporter != null) reporter.close();
            closeJournalQuietly();
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing left to read from it
            }
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running, waiting for `finished`
                }
            }
        }
    }

    private Reporter.Mode resolve(Reporter.Mode mode) {
        if (mode != Reporter.Mode.AUTO) return mode;
        var c = System.console();
        boolean terminal = c != null && c.isTerminal() && !"dumb".equals(System.getenv("TERM"));
        return terminal ? Reporter.Mode.BAR : Reporter.Mode.PLAIN;
    }

    private AttemptRunner runner(TaskReader reader, Outputs outputs) throws IOException {
        if (cfg.results() != null) {
            try {
                Files.createDirectories(cfg.results());
            } catch (IOException e) {
                throw new IOException("cannot create results folder " + cfg.results() + ": " + e.getMessage(), e);
            }
        }
        return switch (cfg.action()) {
            case TaskAction.Command c -> {
                List<Template> argv = Template.parseAll(c.argv(), reader.placeholders());
                Template stdin = c.stdinTemplate() == null ? null : Template.parse(c.stdinTemplate(), reader.placeholders(), "--input");
                if (!c.shell() && !argv.getFirst().hasPlaceholders()) CommandLookup.require(c.argv().getFirst());
                yield new ProcessRunner(argv, c.shell(), stdin, outputs, this, cfg.timeout(), cfg.killGrace());
            }
            case TaskAction.Function f -> new FunctionRunner(f.function(), reader.placeholders(), outputs, this, cfg.timeout());
        };
    }

    /** Reads the journal for --resume (killing what a crashed run left running) and opens it for appending. */
    private JournalReplay openJournal() throws IOException {
        Path file = cfg.journalFile();
        if (file == null) return null;
        JournalReplay replay = null;
        String fingerprint = cfg.source().describe() + " | " + cfg.action().describe();
        if (cfg.resume()) {
            replay = JournalReplay.read(file);
            if (replay.lastFingerprint() != null && !replay.lastFingerprint().equals(fingerprint)) {
                console.message("weft farm: warning: journal " + file + " was written for a different farm ("
                        + replay.lastFingerprint() + "); resuming by task index anyway");
            }
            int reaped = 0;
            for (JournalRecord.Started s : replay.inFlight()) {
                if (Leftovers.terminate(s.pid(), s.startMillis(), cfg.killGrace())) reaped++;
            }
            if (reaped > 0) console.message("weft farm: terminated " + reaped + " process tree(s) the interrupted run left behind");
        } else if (Files.exists(file) && Files.size(file) > 0) {
            throw new IOException("journal " + file + " already exists: add --resume to continue that run, or remove it or choose another --results/--journal");
        }
        journal = Journal.open(file, cfg.sync());
        journal.append(new JournalRecord.Run(fingerprint, System.currentTimeMillis()));
        return replay;
    }

    private void produce(TaskReader reader, JournalReplay replay) {
        try {
            Task t;
            while (dispatching && (t = reader.next()) != null) {
                if (replay != null && replay.isDone(t.index())) {
                    board.skipped();
                    continue;
                }
                outputs.prepare(t);
                boolean queued = false;
                while (dispatching && !(queued = queue.offer(t, POLL.toNanos(), TimeUnit.NANOSECONDS))) {
                    // the queue is full: backpressure; look up now and then in case the farm stopped
                }
                if (!queued) outputs.discard(t);
            }
        } catch (IOException e) {
            stop("cannot read the tasks: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producerDone = true;
        }
    }

    /** The next task for a worker, or null when there is none and will be none (or the farm stops). */
    Task nextTask() throws InterruptedException {
        while (dispatching) {
            if (producerDone) return queue.poll();
            Task t = queue.poll(POLL.toNanos(), TimeUnit.NANOSECONDS);
            if (t != null) return t;
        }
        return null;
    }

    /** Waits until the memory gate opens; false if the farm stopped meanwhile. */
    boolean awaitMemory() throws InterruptedException {
        if (memory == null || memory.open()) return !killing;
        board.waitingForMemory(true);
        try {
            while (!memory.open()) {
                if (awaitStop(Duration.ofMillis(200))) return false;
            }
            return true;
        } finally {
            board.waitingForMemory(false);
        }
    }

    /** Sleeps up to {@code d}; returns true at once if the farm is stopping. */
    boolean awaitStop(Duration d) throws InterruptedException {
        return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops dispatching new tasks (the first reason given is the one reported); with {@code kill}, also
     * terminates every running attempt. Safe from any thread, any number of times.
     */
    public void stop(String reason, boolean kill) {
        synchronized (this) {
            if (stopReason == null) stopReason = reason;
            dispatching = false;
            stopped.countDown();
            if (!kill || killing) return;
            killing = true;
        }
        running.killAll();
    }

    /** Registers a worker's running process or Java thread, so a stop can kill it. */
    void register(int worker, Object processOrThread) {
        running.register(worker, processOrThread, killing);
    }

    /** See {@link RunningAttempts#unregister}: true when the farm signalled the attempt. */
    boolean unregister(int worker) {
        return running.unregister(worker);
    }

    boolean killing() {
        return killing;
    }

    boolean dispatching() {
        return dispatching;
    }

    Outputs outputs() {
        return outputs;
    }

    ProgressBoard board() {
        return board;
    }

    FarmConfig config() {
        return cfg;
    }

    void journalStart(JournalRecord.Started r) {
        if (journal == null) return;
        try {
            journal.append(r);
        } catch (IOException e) {
            stop(e.getMessage(), true);
        }
    }

    /** Records an attempt's end; false when the journal failed (the farm is then stopping). */
    boolean journalFinish(JournalRecord.Finished r) {
        if (journal == null) return true;
        try {
            journal.appendDurable(r);
            return true;
        } catch (IOException e) {
            stop(e.getMessage(), true);
            return false;
        }
    }

    /** A task failed for good (retries spent): count it and apply the halt rule. */
    void taskFailed(Outcome o) {
        board.failed();
        synchronized (failures) {
            if (failures.size() < FarmResult.MAX_LISTED_FAILURES) failures.add(o);
        }
        long failed = board.failedCount();
        if (cfg.halt().triggered(failed, failed + board.okCount())) {
            boolean now = cfg.halt().when() == HaltPolicy.When.NOW;
            stop("--halt " + cfg.halt() + " after " + failed + " failed task" + (failed == 1 ? "" : "s"), now);
        }
    }

    private Thread installHook() {
        Thread hook = new Thread(() -> {
            stop("interrupted (SIGINT or SIGTERM)", true);
            try {
                finished.await(cfg.killGrace().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "weft-farm-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private void closeJournal() throws IOException {
        if (journal != null) {
            Journal j = journal;
            journal = null;
            j.close();
        }
    }

    private void closeJournalQuietly() {
        try {
            closeJournal();
        } catch (IOException e) {
            err.println("weft farm: " + e.getMessage());
        }
    }

    private FarmResult result() {
        List<Outcome> listed;
        synchronized (failures) {
            listed = List.copyOf(failures);
        }
        String reason = stopReason;
        long total = board.total();
        long accounted = board.skippedCount() + board.okCount() + board.failedCount() + board.killedCount();
        long notStarted = total < 0 ? (reason == null ? 0 : -1) : Math.max(0, total - accounted);
        return new FarmResult(board.okCount(), board.failedCount(), board.killedCount(), board.skippedCount(),
                board.retriedCount(), notStarted, Duration.ofNanos(board.elapsedNanos()), listed, reason,
                cfg.stream() ? null : cfg.results(), cfg.journalFile());
    }
}
