package dev.weft.farm.run;

import dev.weft.farm.units.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The end of a farm run. {@code failures} lists the first few failed tasks (not all: a run may fail
 * millions); {@code stopReason} is null when the input ran out normally, else why dispatching stopped
 * (halt rule, signal, input error); {@code notStarted} counts the tasks a stop left unstarted, or is
 * -1 when the source's size is unknown. Immutable.
 */
public record FarmResult(long ok, long failed, long killed, long skipped, long retries, long notStarted,
                         Duration elapsed, List<Outcome> failures, String stopReason,
                         Path results, Path journal) {
    /** The most failed tasks a result lists. */
    public static final int MAX_LISTED_FAILURES = 10;

    public FarmResult {
        failures = List.copyOf(failures);
    }

    /** Whether every task succeeded (exit code 0 of the command). */
    public boolean success() {
        return failed == 0 && killed == 0 && stopReason == null;
    }

    /** Process exit code for the CLI: 0 on success, 1 when tasks failed or the run stopped early. */
    public int exitCode() {
        return success() ? 0 : 1;
    }

    /** The final summary, a few lines. */
    public String summary() {
        var sb = new StringBuilder();
        long ran = ok + failed + killed;
        double secs = Math.max(1e-9, elapsed.toNanos() / 1e9);
        sb.append(String.format(Locale.ROOT, "weft farm: %d task%s in %s (%.1f/s): %d ok, %d failed", ran, ran == 1 ? "" : "s",
                Durations.format(elapsed), (ok + failed) / secs, ok, failed));
        if (killed > 0) sb.append(", ").append(killed).append(" killed (will rerun on --resume)");
        if (retries > 0) sb.append(", ").append(retries).append(" retries");
        if (skipped > 0) sb.append(", ").append(skipped).append(" skipped (done in an earlier run)");
        if (stopReason != null) {
            sb.append("\nstopped early: ").append(stopReason);
            if (notStarted > 0) sb.append("; ").append(notStarted).append(" task").append(notStarted == 1 ? "" : "s").append(" not started");
        }
        if (failed > 0) {
            sb.append("\nfailed tasks").append(failed > failures.size() ? " (first " + failures.size() + ")" : "").append(':');
            for (Outcome o : failures) {
                sb.append("\n  task ").append(o.index()).append(": ").append(o.status().word())
                        .append(", exit ").append(o.exitCode());
                if (o.detail() != null) sb.append(" (").append(o.detail()).append(')');
                if (results != null) sb.append(", log ").append(results.resolve(o.index() + ".err"));
            }
            if (results != null) sb.append("\nlogs of all tasks: ").append(results).append("/INDEX.out and INDEX.err");
        }
        if (journal != null) {
            sb.append("\njournal: ").append(journal);
            if (!success()) sb.append(" (rerun with --resume to run only the tasks not done)");
        }
        return sb.toString();
    }
}
