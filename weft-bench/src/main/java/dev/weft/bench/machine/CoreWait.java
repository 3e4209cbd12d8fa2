package dev.weft.bench.machine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long this JVM's threads have waited for a core: the sum, over its threads other than the JIT
 * compilers, the garbage collector and the VM's own, of the run-queue delay Linux reports in
 * {@code /proc/self/task/TID/schedstat} (time runnable but not running). A machine that hands work to
 * a second core gains nothing while another process holds that core, and this is the figure that
 * shows it. Linux adds a wait to the counter when the thread gets its core, so a reading taken
 * while a thread still waits leaves that wait to the next. Where the file cannot be read (not
 * Linux), every reading is -1.
 *
 * <p>Not thread-safe; a benchmark's setup and teardown call it from one thread.
 */
final class CoreWait {
    private long total = 0, runs = 0, start = -1;

    /** Nanoseconds this JVM's threads have waited for a core so far, or -1 if unknown. */
    static long nanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String comm;
                String[] stat;
                try {
                    comm = Files.readString(t.resolve("comm")).trim();
                    stat = Files.readString(t.resolve("schedstat")).trim().split(" ");
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (comm.startsWith("C1 ") || comm.startsWith("C2 ") || comm.startsWith("GC ")
                        || comm.startsWith("G1 ") || comm.startsWith("VM ")) continue;
                sum += Long.parseLong(stat[1]);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /** Starts counting (at the start of an iteration). */
    void begin() { start = nanos(); }

    /** Stops counting, adding the wait since {@link #begin} and the iteration's runs. */
    void end(long iterationRuns) {
        long now = nanos();
        if (start < 0 || now < 0) {
            total = -1;
        } else if (total >= 0) {
            total += now - start;
            runs += iterationRuns;
        }
    }

    /** The one-line summary: µs waited for a core per run over the counted iterations. */
    String summary() {
        if (total < 0 || runs == 0) return "waited for a core: unknown";
        return String.format("waited for a core: %.1f µs per run (all threads of this JVM but the JIT's, GC's and VM's)",
                total / 1e3 / runs);
    }
}
