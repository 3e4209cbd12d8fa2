package dev.weft.farm.run;

import dev.weft.farm.journal.Journal;
import dev.weft.farm.progress.Reporter;
import dev.weft.farm.task.TaskSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a farm run needs, checked on construction (0 workers, negative retries ... fail with a
 * one-line message). Build one with {@link #builder(TaskSource, TaskAction)}. Immutable.
 *
 * @param results      folder for per-task {@code INDEX.out}/{@code INDEX.err} files and the default
 *                     journal; null when output is streamed and no journal is wanted
 * @param stream       stream task output live, line by line, prefixed with {@code tag}, instead of files
 * @param journal      the journal file; null means {@code results/journal.tsv} (or none without results)
 * @param timeout      per attempt; null for none
 * @param memFreeBytes no task starts while MemAvailable is below this; 0 disables the check
 * @param idleTimeout  a line source that yields nothing this long ends; null waits forever
 * @param handleSignals install a shutdown hook so SIGINT/SIGTERM stop the farm cleanly (the CLI does)
 */
public record FarmConfig(TaskSource source, TaskAction action, int workers, int queueCapacity,
                         Path results, boolean stream, String tag, Path journal, boolean resume,
                         Journal.Sync sync, int retries, Duration retryDelay, Duration timeout,
                         Duration killGrace, HaltPolicy halt, long memFreeBytes, Duration idleTimeout,
                         Reporter.Mode progress, Duration progressInterval, boolean handleSignals) {
    public FarmConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        if (queueCapacity < 1) throw new IllegalArgumentException("--queue must be at least 1, got " + queueCapacity);
        if (retries < 0) throw new IllegalArgumentException("--retries must be 0 or more, got " + retries);
        if (memFreeBytes < 0) throw new IllegalArgumentException("--memfree must not be negative");
        if (timeout != null && timeout.isZero()) throw new IllegalArgumentException("--timeout must be more than 0");
        if (idleTimeout != null && idleTimeout.isZero()) throw new IllegalArgumentException("--idle-timeout must be more than 0");
        if (!stream && results == null) throw new IllegalArgumentException("give --results DIR for the task output files, or --stream");
        if (resume && journalFile(results, journal) == null) throw new IllegalArgumentException("--resume needs the journal: give --journal FILE or --results DIR");
        Objects.requireNonNull(halt, "halt");
        Objects.requireNonNull(progress, "progress");
    }

    private static Path journalFile(Path results, Path journal) {
        if (journal != null) return journal;
        return results == null ? null : results.resolve("journal.tsv");
    }

    /** The journal file in use, or null when the run keeps none. */
    public Path journalFile() {
        return journalFile(results, journal);
    }

    public static Builder builder(TaskSource source, TaskAction action) {
        return new Builder(source, action);
    }

    /** Mutable builder with the CLI's defaults; not thread-safe. */
    public static final class Builder {
        private final TaskSource source;
        private final TaskAction action;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queueCapacity = -1;
        private Path results;
        private boolean stream;
        private String tag = "[{index}] ";
        private Path journal;
        private boolean resume;
        private Journal.Sync sync = Journal.Sync.GROUP;
        private int retries;
        private Duration retryDelay = Duration.ofSeconds(1);
        private Duration timeout;
        private Duration killGrace = Duration.ofSeconds(5);
        private HaltPolicy halt = HaltPolicy.NEVER;
        private long memFreeBytes;
        private Duration idleTimeout;
        private Reporter.Mode progress = Reporter.Mode.NONE;
        private Duration progressInterval = Duration.ofSeconds(10);
        private boolean handleSignals;

        private Builder(TaskSource source, TaskAction action) {
            this.source = source;
            this.action = action;
        }

        public Builder workers(int n) { this.workers = n; return this; }
        public Builder queueCapacity(int n) { this.queueCapacity = n; return this; }
        public Builder results(Path dir) { this.results = dir; return this; }
        public Builder stream(boolean s) { this.stream = s; return this; }
        public Builder tag(String t) { this.tag = t; return this; }
        public Builder journal(Path f) { this.journal = f; return this; }
        public Builder resume(boolean r) { this.resume = r; return this; }
        public Builder sync(Journal.Sync s) { this.sync = s; return this; }
        public Builder retries(int n) { this.retries = n; return this; }
        public Builder retryDelay(Duration d) { this.retryDelay = d; return this; }
        public Builder timeout(Duration d) { this.timeout = d; return this; }
        public Builder killGrace(Duration d) { this.killGrace = d; return this; }
        public Builder halt(HaltPolicy h) { this.halt = h; return this; }
        public Builder memFree(long bytes) { this.memFreeBytes = bytes; return this; }
        public Builder idleTimeout(Duration d) { this.idleTimeout = d; return this; }
        public Builder progress(Reporter.Mode m) { this.progress = m; return this; }
        public Builder progressInterval(Duration d) { this.progressInterval = d; return this; }
        public Builder handleSignals(boolean h) { this.handleSignals = h; return this; }

        public FarmConfig build() {
            int q = queueCapacity > 0 ? queueCapacity : Math.max(16, 2 * Math.max(workers, 1));
            return new FarmConfig(source, action, workers, q, results, stream, tag, journal, resume, sync, retries,
                    retryDelay, timeout, killGrace, halt, memFreeBytes, idleTimeout, progress, progressInterval, handleSignals);
        }
    }
}
