package dev.weft.farm.run;

import dev.weft.farm.journal.JournalRecord;
import dev.weft.farm.task.Task;
import java.time.Duration;

/**
 * One worker slot's loop: take a task, wait for free memory if asked to, run attempts until one
 * succeeds or the retries are spent (with exponential backoff between them), record each attempt's end
 * in the journal, and report the task's fate to the farm. Runs on its own virtual thread.
 */
final class Worker implements Runnable {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private final Farm farm;
    private final int slot;
    private final AttemptRunner runner;

    Worker(Farm farm, int slot, AttemptRunner runner) {
        this.farm = farm;
        this.slot = slot;
        this.runner = runner;
    }

    @Override
    public void run() {
        try {
            Task task;
            while ((task = farm.nextTask()) != null) {
                runTask(task);
                farm.board().idle(slot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            farm.stop("internal error in worker " + slot + ": " + e, true);
            throw e;
        }
    }

    private void runTask(Task task) throws InterruptedException {
        FarmConfig cfg = farm.config();
        for (int attempt = 1; ; attempt++) {
            if (!farm.awaitMemory()) {
                if (attempt == 1) farm.outputs().discard(task);
                farm.board().killed();
                return; // stopping while waiting: the task never started and stays to do
            }
            Outcome o = runner.run(task, slot, attempt);
            if (!farm.journalFinish(new JournalRecord.Finished(o.index(), o.attempt(), o.exitCode(), o.status(), o.startMillis(), o.durationMillis()))) {
                farm.board().killed();
                return;
            }
            switch (o.status()) {
                case OK -> {
                    farm.board().ok();
                    return;
                }
                case KILLED -> {
                    farm.board().killed();
                    return;
                }
                default -> {
                    if (attempt <= cfg.retries() && farm.dispatching()) {
                        farm.board().retried();
                        if (farm.awaitStop(backoff(cfg.retryDelay(), attempt))) {
                            farm.board().killed();
                            return; // the farm stopped during the backoff: the task is not done, resume reruns it
                        }
                        continue;
                    }
                    farm.taskFailed(o);
                    return;
                }
            }
        }
    }

    /** delay * 2^(attempt-1), at most a minute. */
    static Duration backoff(Duration delay, int attempt) {
        long nanos = delay.toNanos();
        for (int i = 1; i < attempt && nanos < MAX_BACKOFF.toNanos(); i++) nanos *= 2;
        return Duration.ofNanos(Math.min(nanos, MAX_BACKOFF.toNanos()));
    }
}
