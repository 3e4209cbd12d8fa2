package dev.weft.farm.progress;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The live state of a farm run: counters and what each worker slot runs now. Workers write, reporters
 * read; every field is atomic or volatile, so a reader sees each value fresh (a snapshot of several
 * counters is not one atomic cut, which a progress display does not need).
 */
public final class ProgressBoard {
    /** What one worker slot is running. */
    public record Slot(long index, int attempt, long startNanos, String label) {}

    private final long startNanos = System.nanoTime();
    private final AtomicReferenceArray<Slot> slots;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong killed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile long total = -1;
    private volatile boolean waitingForMemory;

    public ProgressBoard(int workers) {
        slots = new AtomicReferenceArray<>(workers);
    }

    public void total(OptionalLong total) {
        this.total = total.orElse(-1);
    }

    /** The number of tasks when known, else -1. */
    public long total() {
        return total;
    }

    public int workers() {
        return slots.length();
    }

    /** Worker {@code worker} (1-based) started an attempt. */
    public void running(int worker, Slot slot) {
        slots.set(worker - 1, slot);
    }

    /** Worker {@code worker} is between tasks. */
    public void idle(int worker) {
        slots.set(worker - 1, null);
    }

    public Slot slot(int worker) {
        return slots.get(worker - 1);
    }

    public void ok() {
        ok.incrementAndGet();
    }

    public void failed() {
        failed.incrementAndGet();
    }

    public void killed() {
        killed.incrementAndGet();
    }

    public void retried() {
        retried.incrementAndGet();
    }

    public void skipped() {
        skipped.incrementAndGet();
    }

    public void waitingForMemory(boolean waiting) {
        waitingForMemory = waiting;
    }

    public long okCount() {
        return ok.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long killedCount() {
        return killed.get();
    }

    public long retriedCount() {
        return retried.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public boolean isWaitingForMemory() {
        return waitingForMemory;
    }

    public long runningCount() {
        long n = 0;
        for (int i = 0; i < slots.length(); i++) if (slots.get(i) != null) n++;
        return n;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Tasks finished in this run per second so far. */
    public double rate() {
        double s = elapsedNanos() / 1e9;
        return s <= 0 ? 0 : (ok.get() + failed.get()) / s;
    }
}
