package dev.weft.farm.run;

import dev.weft.farm.proc.ProcessTree;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The attempts running now, one per busy worker slot, so that a stop can kill them: process trees
 * are terminated (TERM, then KILL after the grace period, each tree on its own virtual thread) and
 * Java tasks interrupted. Thread-safe.
 */
final class RunningAttempts {
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final Duration grace;

    RunningAttempts(Duration grace) {
        this.grace = grace;
    }

    /**
     * A running attempt (process or Java thread) and whether the farm signalled it. A thread is only
     * interrupted while its attempt is registered (both under this object's lock), so an interrupt
     * can never reach the worker after the attempt, e.g. in the middle of its journal write.
     */
    private static final class Running {
        final Object target;
        volatile boolean killed;
        // A j.u.c. lock, not a monitor: one object per attempt must not leave inflated monitors behind.
        private final ReentrantLock lock = new ReentrantLock();
        private boolean over;

        Running(Object target) {
            this.target = target;
        }

        void interruptIfRunning() {
            lock.lock();
            try {
                if (!over && target instanceof Thread t) t.interrupt();
            } finally {
                lock.unlock();
            }
        }

        void end() {
            lock.lock();
            try {
                over = true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Registers an attempt; {@code killNow} when the farm is already stopping (it lost the race with the stop). */
    void register(int worker, Object processOrThread, boolean killNow) {
        Running r = new Running(processOrThread);
        running.put(worker, r);
        if (killNow) kill(r);
    }

    /**
     * Forgets the worker's attempt; returns whether the farm signalled it. Such an attempt counts as
     * killed whatever its exit code: it may have been cut short, so resume runs it again.
     */
    boolean unregister(int worker) {
        Running r = running.remove(worker);
        if (r == null) return false;
        r.end();
        return r.killed;
    }

    /** Kills every attempt registered now; later registrations are killed by {@link #register}. */
    void killAll() {
        for (Running r : running.values()) kill(r);
    }

    private void kill(Running r) {
        r.killed = true;
        if (r.target instanceof ProcessHandle p) Thread.ofVirtual().start(() -> ProcessTree.terminate(p, grace));
        else r.interruptIfRunning();
    }
}
