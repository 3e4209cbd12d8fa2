package dev.weft.machine;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The run state of a {@link ConcurrentMachine}, reused by all its runs (they are serialised):
 * each vertex's outputs, the edges' hand-offs, the first failure, and the run's threads.
 *
 * <p>Channels: each edge carries exactly one value per run, so a channel is a flag per producer:
 * vertex v stores its outputs, then sets {@code ready[v]} to the run's epoch (a volatile write) and
 * unparks the threads that read v. A reader on another thread waits until it sees the epoch (a
 * volatile read), which makes the outputs visible to it. Numbering runs by epoch makes resetting
 * the flags unnecessary, and a failed run leaves nothing behind for the next.
 *
 * <p>Threads: thread 0 of the plan runs on the caller when {@code callerRuns} (ADAPTIVE: a
 * one-thread plan is then a plain tape with no hand-off at all); the others start as virtual
 * threads. The caller returns only after every started thread has ended.
 *
 * <p>Stopping: the first failure (an op's exception, a timeout, a cancel) is recorded, sets
 * {@code aborted}, interrupts the started threads and wakes every waiting one. Threads check
 * {@code aborted} between vertices and while they wait, so each stops at its next vertex
 * boundary; the run then throws the first failure.
 */
final class Run {
    /** Thrown inside a thread of a run that was aborted, to unwind it; the failure is recorded elsewhere. */
    private static final RuntimeException STOP = new RuntimeException("stopped", null, false, false) {};

    final Program program;
    final long[] costNanos;
    private final Frames frames;
    private final RunMemory memory;
    private final AtomicInteger live;
    private final ThreadFactory threadFactory;
    private final ScopedValue.Carrier inPool;
    private final Tensor[] fed;
    private final Tensor[][] values;
    private final AtomicIntegerArray ready;
    private final AtomicIntegerArray unread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger running = new AtomicInteger();
    private Thread[] threads = new Thread[1];
    // One body per thread index, made once: a run then allocates no lambda per thread.
    private Body[] bodies = new Body[0];
    private volatile boolean aborted;
    private int epoch;
    // Set per run, before any thread of the run starts (Thread.start publishes them).
    private Plan plan;
    private Tensor[] vars;
    private Trace trace;
    private boolean measure;
    private long deadline;
    private Duration timeout;
    private Thread caller;

    Run(Program program, BufferPool pool, AtomicInteger live, ThreadFactory threadFactory) {
        int n = program.size();
        this.program = program;
        this.frames = new Frames(program);
        this.memory = new RunMemory(pool, program);
        this.live = live;
        this.threadFactory = threadFactory;
        this.inPool = ScopedValue.where(BufferPool.CURRENT, pool);
        this.fed = new Tensor[n];
        this.values = new Tensor[n][];
        this.ready = new AtomicIntegerArray(n);
        this.unread = new AtomicIntegerArray(n);
        this.costNanos = new long[n];
    }

    /** Binds and checks the inputs of the next run. */
    void bind(Map<String, Tensor> inputs) { program.bind(inputs, fed); }

    /**
     * Runs the graph under {@code plan} and returns its outputs, or throws the run's first failure.
     * On the caller when {@code callerRuns} (thread 0 of the plan), else the caller only waits.
     */
    Map<String, Tensor> execute(Plan plan, boolean callerRuns, Tensor[] vars, Trace trace, boolean measure,
                                Duration timeout, LentOutputs lendTo) {
        this.plan = plan;
        this.vars = vars;
        this.trace = trace;
        this.measure = measure;
        this.timeout = timeout;
        this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        this.caller = Thread.currentThread();
        if (++epoch == 0) {
            for (int v = 0; v < ready.length(); v++) ready.set(v, 0);
            epoch = 1;
        }
        failure.set(null);
        aborted = false;
        for (int v = 0; v < program.size(); v++) unread.lazySet(v, program.edgesOut[v].length);
        memory.begin(fed, vars);
        int count = plan.threads();
        int first = callerRuns ? 1 : 0;
        if (threads.length < count) threads = new Thread[count];
        if (bodies.length < count) {
            Body[] more = Arrays.copyOf(bodies, count);
            for (int t = bodies.length; t < count; t++) more[t] = new Body(t);
            bodies = more;
        }
        threads[0] = callerRuns ? caller : null;
        try {
            running.set(count - first);
            for (int t = first; t < count; t++) {
                threads[t] = threadFactory.newThread(bodies[t]);
            }
            for (int t = first; t < count; t++) threads[t].start();
            if (callerRuns) {
                try {
                    inPool.call(bodies[0]);
                } catch (Throwable e) {
                    if (e != STOP) fail(e);
                }
            }
            awaitWorkers(first, count);
            Throwable f = failure.get();
            if (f instanceof MachineException me) throw me;
            if (f != null) throw new MachineException(null, "the run was cancelled: " + f, f);
            return lendTo == null ? program.outputs(values) : lendTo.lend(program, values, memory);
        } finally {
            for (int t = 0; t < count; t++) threads[t] = null;
            memory.end();
            Arrays.fill(values, null);
            Arrays.fill(fed, null);
            this.vars = null;
            this.caller = null;
        }
    }

    /** Stops the run in progress from another thread; the run fails with a cancellation. */
    void cancel() {
        fail(new MachineException(null, "the run was cancelled", new CancellationException()));
    }

    /** The body of a started thread. */
    private void work(int t) {
        live.incrementAndGet();
        try {
            inPool.call(bodies[t]);
        } catch (Throwable e) {
            if (e != STOP) fail(e);
        } finally {
            live.decrementAndGet();
            if (running.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    /** Thread t's body: {@link #work} as a started thread's task, {@link #runVertices} inside the pool's scope. */
    private final class Body implements Runnable, ScopedValue.CallableOp<Void, RuntimeException> {
        private final int t;

        Body(int t) { this.t = t; }

        @Override
        public void run() { work(t); }

        @Override
        public Void call() {
            runVertices(t);
            return null;
        }
    }

    /** Records the first failure and stops every thread of the run. */
    private void fail(Throwable e) {
        if (!failure.compareAndSet(null, e)) return;
        aborted = true;
        Thread[] ts = threads;
        Thread c = caller;
        for (Thread t : ts) {
            if (t == null) continue;
            // Interrupt the started threads, as an op may be blocked; never the caller, whose
            // interrupt status belongs to its owner.
            if (t != c) t.interrupt();
            LockSupport.unpark(t);
        }
        if (c != null) LockSupport.unpark(c);
    }

    private void runVertices(int t) {
        boolean onCaller = Thread.currentThread() == caller;
        for (int v : plan.vertices()[t]) {
            checkpoint(v, onCaller);
            step(v, onCaller);
        }
    }

    /** Between vertices: stops on an abort, a timeout, or (on the caller) an interrupt. */
    private void checkpoint(int v, boolean onCaller) {
        if (aborted) throw STOP;
        if (onCaller && Thread.interrupted()) {
            fail(new MachineException(null, "the run was cancelled", new CancellationException()));
            throw STOP;
        }
        if (System.nanoTime() > deadline) {
            fail(new MachineException(null, "the run timed out after " + timeout + " before node '"
                    + program.vertices[v].name() + "'", new TimeoutException()));
            throw STOP;
        }
    }

    /** Waits until producer {@code p} is done in this run. */
    private void await(int p, boolean onCaller) {
        while (ready.get(p) != epoch) {
            if (aborted) throw STOP;
            if (onCaller && Thread.interrupted()) {
                fail(new MachineException(null, "the run was cancelled", new CancellationException()));
                throw STOP;
            }
            if (deadline == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(new MachineException(null, "the run timed out after " + timeout, new TimeoutException()));
                    throw STOP;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /** The caller waits for the started threads to end, stopping them on timeout or interrupt. */
    private void awaitWorkers(int first, int count) {
        while (running.get() > 0) {
            // Always clear the interrupt, else park would return at once and this loop would spin.
            if (Thread.interrupted() && !aborted) {
                fail(new MachineException(null, "the run was cancelled", new CancellationException()));
            }
            if (deadline == Long.MAX_VALUE || aborted) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) fail(new MachineException(null, "the run timed out after " + timeout, new TimeoutException()));
                else LockSupport.parkNanos(this, left);
            }
        }
        // Each thread counted itself out in its last statement; joining makes "ended" exact.
        boolean interrupted = false;
        for (int t = first; t < count; t++) {
            while (true) {
                try {
                    threads[t].join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted && failure.get() == null) {
            fail(new MachineException(null, "the run was cancelled", new CancellationException()));
        }
    }

    /** Fires vertex {@code v}: receives its inputs, computes, and tells readers on other threads. */
    private void step(int v, boolean onCaller) {
        int[] ins = program.inVertex[v];
        Tensor[] in = frames.in[v];
        for (int s = 0; s < ins.length; s++) {
            int p = ins[s];
            if (p < 0) continue;
            if (plan.threadOf()[p] != plan.threadOf()[v]) await(p, onCaller);
            in[s] = values[p][program.inPort[v][s]];
        }
        long start = trace != null || measure ? System.nanoTime() : 0;
        Tensor[] out = program.execute(v, frames, fed, vars);
        frames.clearInputs(v);
        if (trace != null || measure) {
            long end = System.nanoTime();
            if (measure) costNanos[v] = end - start;
            if (trace != null) {
                trace.record(plan.threads() == 1 ? "concurrent (one thread)" : "concurrent",
                        program.vertices[v].name(), program.label(v), start, end);
            }
        }
        values[v] = out;
        memory.produced(out);
        int[] wake = plan.wakes()[v];
        if (wake.length > 0) {
            ready.set(v, epoch);
            for (int t : wake) LockSupport.unpark(threads[t]);
        }
        // This vertex has read its inputs: a producer whose every read is done is dead, unless it is an output.
        boolean alone = plan.threads() == 1;
        for (int p : ins) {
            if (p < 0) continue;
            // On a one-thread plan nobody else counts: a plain decrement does, without a locked instruction.
            int left;
            if (alone) {
                left = unread.getPlain(p) - 1;
                unread.setPlain(p, left);
            } else {
                left = unread.decrementAndGet(p);
            }
            if (left == 0 && program.lastUse[p] != Integer.MAX_VALUE) memory.dead(values[p]);
        }
        if (program.edgesOut[v].length == 0 && program.lastUse[v] != Integer.MAX_VALUE) memory.dead(out);
    }
}
