package dev.weft.farm.proc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the process of an attempt that a killed farm left running. A pid alone is not proof (pids are
 * reused), so the process must also have started at the recorded instant (to the second).
 */
public final class Leftovers {
    private Leftovers() {}

    /** The live process with this pid and start time, if it still exists. */
    public static Optional<ProcessHandle> find(long pid, long startMillis) {
        if (pid <= 0 || startMillis <= 0) return Optional.empty();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
            Optional<Instant> started = p.info().startInstant();
            return started.isPresent() && Math.abs(started.get().toEpochMilli() - startMillis) < 1_000;
        });
    }

    /** Terminates the leftover tree, if any; returns whether one was found. */
    public static boolean terminate(long pid, long startMillis, Duration grace) {
        var p = find(pid, startMillis);
        p.ifPresent(h -> ProcessTree.terminate(h, grace));
        return p.isPresent();
    }
}
