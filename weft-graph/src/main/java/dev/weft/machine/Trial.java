package dev.weft.machine;

import java.util.Arrays;

/**
 * A timed contest between a partitioned plan (the contender) and the one-thread plan, run by an
 * ADAPTIVE {@link ConcurrentMachine} over its next runs: first {@code warmup} untimed runs of the
 * contender, then {@value #ROUNDS} rounds of {@value #PER_ROUND} timed runs of the contender
 * followed by as many of the one-thread plan. The contender wins if its median run is faster.
 *
 * <p>Why rounds: the partitioned plan needs a second core, the one-thread plan does not. On a
 * shared machine another process can take that core for a few milliseconds at a time; timed in one
 * block each, the plans were judged on whatever load each block met. Alternating short blocks puts
 * both plans under the same load, and nine samples each make one preempted run count for little.
 *
 * <p>Not thread-safe: the machine's runs are serialised, and only they advance a trial.
 */
final class Trial {
    /** Timed blocks of each plan. */
    static final int ROUNDS = 3;
    /** Timed runs in each block. */
    static final int PER_ROUND = 3;
    /** Runs a trial takes after its warm-up. */
    static final int TIMED_RUNS = 2 * ROUNDS * PER_ROUND;

    private final Plan contender;
    private final int warmup;
    private final long[] contenderNanos = new long[ROUNDS * PER_ROUND];
    private final long[] singleNanos = new long[ROUNDS * PER_ROUND];
    private int run;

    Trial(Plan contender, int warmup) {
        if (warmup < 0) throw new IllegalArgumentException("warm-up runs must be >= 0, got " + warmup);
        this.contender = contender;
        this.warmup = warmup;
    }

    Plan contender() { return contender; }

    /** True when the next run is the contender's (during the warm-up and its timed blocks). */
    boolean contenderNext() {
        int k = run - warmup;
        return k < 0 || (k % (2 * PER_ROUND)) < PER_ROUND;
    }

    /** Records the time of the run just made under the plan {@link #contenderNext} named; true once the trial is over. */
    boolean record(long nanos) {
        int k = run - warmup;
        if (k >= 0) {
            int round = k / (2 * PER_ROUND), slot = k % (2 * PER_ROUND);
            if (slot < PER_ROUND) contenderNanos[round * PER_ROUND + slot] = nanos;
            else singleNanos[round * PER_ROUND + slot - PER_ROUND] = nanos;
        }
        run++;
        return run - warmup >= TIMED_RUNS;
    }

    /** After the trial: true if the contender's median run was faster than the one-thread plan's. */
    boolean contenderWon() { return median(contenderNanos) < median(singleNanos); }

    /** Median times, contender then one-thread plan, for tests and diagnostics. */
    long[] medians() { return new long[] {median(contenderNanos), median(singleNanos)}; }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
