package dev.weft.tensor.parallel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The process-wide intra-op pool: {@code threads() - 1} daemon platform threads plus whichever
 * thread calls a kernel. See the package documentation for how it shares the cores with the
 * concurrent machine.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread. {@link #parallelFor} returns
 * only after every task has finished; writes made by any task happen-before its return.
 */
public final class IntraOp {
    /** The largest budget accepted: four threads per core. */
    private static final int MAX_POOL = Math.max(1, Runtime.getRuntime().availableProcessors() * 4);

    private static final int DEFAULT_THREADS = defaultThreads();
    private static final long DEFAULT_SPIN_NANOS = 0;
    private static volatile int threads = DEFAULT_THREADS;
    /** Threads currently running kernel tasks: parallel callers plus recruited helpers. */
    private static final AtomicInteger busy = new AtomicInteger();
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /**
     * Each thread claims about {@code count / (CLAIMS_PER_THREAD × threads)} consecutive tasks at a
     * time. Claiming tasks one by one made every task of a region with hundreds of small ones (one
     * per channel of a Winograd transform) two atomic updates of lines that both cores write: on
     * two threads the transforms of a 256-channel 14×14 convolution then took longer than on one
     * (425 against 309 µs); claimed in runs, 198 µs. Four claims per thread still balance the load
     * when one thread is slowed down.
     */
    static final int CLAIMS_PER_THREAD = 4;

    /** Regions waiting for a helper: one entry per helper a caller recruited. */
    private static final ConcurrentLinkedQueue<Region> work = new ConcurrentLinkedQueue<>();
    /** Helpers parked because the queue stayed empty for their whole spin; a caller wakes one per entry it adds. */
    private static final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger started = new AtomicInteger();
    /** How long an idle helper polls for the next region before it parks (see {@link #awaitRegion}). */
    static volatile long spinNanos = spinNanos();

    private IntraOp() {}

    private static long spinNanos() {
        String prop = System.getProperty("weft.spinMicros");
        if (prop != null && !prop.isBlank()) {
            try {
                long us = Long.parseLong(prop.trim());
                if (us >= 0) return us * 1000;
            } catch (NumberFormatException ignored) {
                // fall through to the message below
            }
            System.err.println("weft: ignoring weft.spinMicros=" + prop + " (want a non-negative integer)");
        }
        return DEFAULT_SPIN_NANOS;
    }

    private static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String prop = System.getProperty("weft.threads");
        if (prop == null || prop.isBlank()) return cores;
        try {
            int t = Integer.parseInt(prop.trim());
            if (t >= 1) return Math.min(t, MAX_POOL);
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        System.err.println("weft: ignoring weft.threads=" + prop + " (want a positive integer); using " + cores);
        return cores;
    }

    /** The budget of compute threads kernels may use together (callers included). */
    public static int threads() { return threads; }

    /** The budget from {@code weft.threads} (or the core count) this process started with. */
    public static int defaultThreadCount() { return DEFAULT_THREADS; }

    /**
     * Changes the budget at run time, e.g. 1 to force single-threaded kernels in a benchmark.
     *
     * @throws IllegalArgumentException if {@code n} is below 1 or above four times the core count
     */
    public static void setThreads(int n) {
        if (n < 1 || n > MAX_POOL) {
            throw new IllegalArgumentException("intra-op threads must be between 1 and " + MAX_POOL + ", got " + n);
        }
        threads = n;
    }

    /** The body of a parallel loop: runs task {@code index} of {@code count}. */
    @FunctionalInterface
    public interface Task {
        void run(int index);
    }

    /**
     * True when {@link #parallelFor} called now on this thread with this count and work would run every
     * task inline, on this thread, in index order. A caller whose body would be a capturing lambda can
     * then loop itself and make no body object: a steady-state run of small convolutions and pools
     * allocates nothing.
     */
    public static boolean runsInline(int count, long work) {
        return runsInline(count, work, threads);
    }

    private static boolean runsInline(int count, long work, int budget) {
        return count <= 1 || budget <= 1 || work < (1L << 18) || INSIDE.get();
    }

    /**
     * Runs {@code body.run(i)} for every i in {@code [0, count)}, on the calling thread and on as many
     * helpers as the budget allows now (possibly none), and returns when all are done. Tasks may run
     * in any order and concurrently, so they must write disjoint data.
     *
     * @param work an estimate of the total multiply-adds; below about 2^18 everything runs inline
     * @throws RuntimeException the first exception a task threw (others are suppressed into it)
     */
    public static void parallelFor(int count, long work, Task body) {
        if (count <= 0) return;
        int budget = threads;
        if (runsInline(count, work, budget)) {
            for (int i = 0; i < count; i++) body.run(i);
            return;
        }
        busy.incrementAndGet();
        Region region = new Region(count, Math.max(1, count / (CLAIMS_PER_THREAD * budget)), body, Thread.currentThread());
        try {
            int wanted = Math.min(count - 1, budget - 1);
            for (int h = 0; h < wanted; h++) {
                int b = busy.get();
                if (b >= budget || !busy.compareAndSet(b, b + 1)) break;
                ensureWorkers(budget - 1);
                region.helpers.incrementAndGet();
                IntraOp.work.offer(region);
                Thread sleeper = parked.poll();
                if (sleeper != null) LockSupport.unpark(sleeper);
            }
            INSIDE.set(Boolean.TRUE);
            try {
                region.runTasks(false);
            } finally {
                INSIDE.set(Boolean.FALSE);
            }
            // Helpers still queued have nothing left to do: take them back.
            while (IntraOp.work.remove(region)) {
                busy.decrementAndGet();
                region.helpers.decrementAndGet();
            }
            region.awaitTasks();
        } finally {
            busy.decrementAndGet();
        }
        Throwable t = region.failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    private static void ensureWorkers(int want) {
        while (true) {
            int s = started.get();
            if (s >= Math.min(want, MAX_POOL)) return;
            if (started.compareAndSet(s, s + 1)) {
                Thread t = new Thread(IntraOp::workerLoop, "weft-intraop-" + s);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void workerLoop() {
        INSIDE.set(Boolean.TRUE);
        while (true) {
            Region r = awaitRegion();
            try {
                r.runTasks(true);
            } finally {
                busy.decrementAndGet();
                r.helperDone();
            }
        }
    }

    /**
     * The next region for this helper: it polls the queue for up to {@link #spinNanos} (system
     * property {@code weft.spinMicros}, default 0), then parks until a caller wakes it.
     *
     * <p>Implementation note. Waking a parked helper costs about 10 µs here (median; a futex wake,
     * and in a virtual machine the idle vCPU's exit and re-entry). Regions of two 50 µs tasks,
     * alternating both settings in one JVM, took 66 µs with parking and 54 µs with a 200 µs spin
     * (the helper joined equally often). Whole models did not move beyond this machine's noise
     * (SqueezeNet, MobileNet-v2 and ResNet-18, both machines, 2% either way), and a spinning helper
     * takes a core from other processes, so spinning is off unless asked for.
     *
     * <p>No wake-up is lost: a helper adds itself to {@code parked} before its last look at the queue,
     * and a caller adds to the queue before it takes a sleeper from {@code parked}; both are
     * sequentially consistent operations, so one of the two sees the other.
     */
    private static Region awaitRegion() {
        Thread me = Thread.currentThread();
        while (true) {
            Region r = work.poll();
            if (r != null) return r;
            long spin = spinNanos;
            if (spin > 0) {
                long start = System.nanoTime();
                while (System.nanoTime() - start < spin) {
                    r = work.poll();
                    if (r != null) return r;
                    Thread.onSpinWait();
                }
            }
            if (!parked.contains(me)) parked.offer(me); // after a spurious return it may still be listed
            r = work.poll();
            if (r != null) {
                // Found work after all; a caller that already took us from parked left a permit,
                // which only makes a later park return early.
                parked.remove(me);
                return r;
            }
            LockSupport.park(IntraOp.class); // interrupts and spurious returns just loop
        }
    }

    /** One parallelFor call: tasks are claimed from a shared counter by the caller and its helpers. */
    private static final class Region {
        final int count;
        /** Tasks claimed at a time (see {@link #CLAIMS_PER_THREAD}). */
        final int grain;
        final Task body;
        final Thread owner;
        final AtomicInteger next = new AtomicInteger();
        /** Tasks finished (normally or not); the owner waits for all of them, not for its helpers. */
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger helpers = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Region(int count, int grain, Task body, Thread owner) {
            this.count = count;
            this.grain = grain;
            this.body = body;
            this.owner = owner;
        }

        /**
         * Claims and runs tasks until none is left. A helper ({@code helper} true) also stops when
         * more threads than the budget are inside parallel kernels: another caller arrived after it
         * was recruited, and that caller must run anyway, so the helper gives its core back and
         * leaves the remaining tasks to the region's owner, which always finishes them.
         */
        void runTasks(boolean helper) {
            int first;
            while ((!helper || busy.get() <= threads) && (first = next.getAndAdd(grain)) < count) {
                int end = Math.min(count, first + grain);
                try {
                    for (int i = first; i < end; i++) {
                        try {
                            if (failure.get() == null) body.run(i); // after a failure, drain quickly
                        } catch (Throwable t) {
                            if (!failure.compareAndSet(null, t)) failure.get().addSuppressed(t);
                        }
                    }
                } finally {
                    if (completed.addAndGet(end - first) == count && helper) LockSupport.unpark(owner);
                }
            }
        }

        void helperDone() {
            helpers.decrementAndGet();
        }

        /**
         * Waits until every task has finished. Not until every helper has left: a helper that took
         * the region off the queue but lost its core before claiming a task would otherwise hold
         * the caller for a scheduler period (milliseconds on a loaded machine); when it runs, it
         * finds nothing left to claim. The region is never reused, so a late helper touches
         * nothing the caller still reads.
         */
        void awaitTasks() {
            int spins = 0;
            while (completed.get() < count) {
                if (spins++ < 2000) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 50_000);
            }
        }
    }
}
