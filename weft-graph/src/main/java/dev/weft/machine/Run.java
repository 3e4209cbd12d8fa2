package dev.weft.machine;

import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one concurrent run: the channels for edges that cross threads, each vertex's
 * outputs, the first failure, and a latch counting threads still running.
 *
 * <p>Each edge carries exactly one value per run, so a channel of capacity one never blocks its
 * sender. A fresh Run is made per run, so a failed run leaves nothing behind for the next.
 */
final class Run {
    final Program program;
    final Plan plan;
    final Tensor[] fed;
    final Tensor[] vars;
    final Trace trace;
    final boolean measure;
    final long[] costNanos;
    final Tensor[][] values;
    final BlockingQueue<Tensor>[][] inbox;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final CountDownLatch done;
    private final AtomicInteger live;
    private final BufferPool pool;
    private final RunMemory memory;
    private final AtomicIntegerArray unread;

    @SuppressWarnings("unchecked")
    Run(Program program, Plan plan, Tensor[] fed, Tensor[] vars, Trace trace, boolean measure, AtomicInteger live,
        BufferPool pool) {
        this.live = live;
        this.pool = pool;
        this.memory = new RunMemory(pool, fed, vars, program);
        this.unread = new AtomicIntegerArray(program.size());
        for (int v = 0; v < program.size(); v++) unread.set(v, program.edgesOut[v].length);
        this.program = program;
        this.plan = plan;
        this.fed = fed;
        this.vars = vars.clone();
        this.trace = trace;
        this.measure = measure;
        int n = program.size();
        this.costNanos = measure ? new long[n] : null;
        this.values = new Tensor[n][];
        this.inbox = new BlockingQueue[n][];
        for (int v = 0; v < n; v++) {
            int[] ins = program.inVertex[v];
            inbox[v] = new BlockingQueue[ins.length];
            for (int s = 0; s < ins.length; s++) {
                if (ins[s] >= 0 && plan.threadOf()[ins[s]] != plan.threadOf()[v]) {
                    inbox[v][s] = new ArrayBlockingQueue<>(1);
                }
            }
        }
        this.done = new CountDownLatch(plan.threads());
    }

    /** The body of thread {@code t}: run its vertices in order, receiving and sending across threads. */
    void runThread(int t, ExecutorService exec) {
        live.incrementAndGet();
        try {
            ScopedValue.where(BufferPool.CURRENT, pool).call(() -> {
                for (int v : plan.vertices()[t]) step(v);
                return null;
            });
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
        } catch (Throwable e) {
            // The first failure wins; cancel every other vertex so none waits forever for this one.
            if (failure.compareAndSet(null, e)) exec.shutdownNow();
        } finally {
            live.decrementAndGet();
            done.countDown();
        }
    }

    /**
     * Runs a one-thread plan on the calling thread. Timeouts and cancellation (interrupting the
     * caller) take effect between vertices, as on the sequential machine.
     */
    void runInline(long deadlineNanos, java.time.Duration timeout) {
        try {
            ScopedValue.where(BufferPool.CURRENT, pool).call(() -> {
                for (int v : plan.vertices()[0]) {
                    if (Thread.interrupted()) throw new InterruptedException();
                    if (System.nanoTime() > deadlineNanos) {
                        throw new MachineException(null, "the run timed out after " + timeout + " before node '"
                                + program.vertices[v].name() + "'", new java.util.concurrent.TimeoutException());
                    }
                    step(v);
                }
                return null;
            });
        } catch (InterruptedException e) {
            throw new MachineException(null, "the run was cancelled", new java.util.concurrent.CancellationException());
        }
    }

    /** Fires vertex {@code v}: receives its inputs, computes, and sends its outputs to readers on other threads. */
    private void step(int v) throws InterruptedException {
        int[] ins = program.inVertex[v];
        Tensor[] in = new Tensor[ins.length];
        for (int s = 0; s < ins.length; s++) {
            if (ins[s] < 0) continue;
            BlockingQueue<Tensor> ch = inbox[v][s];
            in[s] = ch != null ? ch.take() : values[ins[s]][program.inPort[v][s]];
        }
        long start = trace != null || measure ? System.nanoTime() : 0;
        Tensor[] out = program.execute(v, in, fed, vars);
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
        for (Program.Edge e : program.edgesOut[v]) {
            BlockingQueue<Tensor> ch = inbox[e.consumer()][e.slot()];
            if (ch != null) ch.put(out[e.port()]);
        }
        // This vertex has read its inputs: a producer whose every read is done is dead, unless it is an output.
        for (int p : ins) {
            if (p >= 0 && unread.decrementAndGet(p) == 0 && program.lastUse[p] != Integer.MAX_VALUE) memory.dead(values[p]);
        }
        if (program.edgesOut[v].length == 0 && program.lastUse[v] != Integer.MAX_VALUE) memory.dead(out);
    }
}
