package dev.weft.machine;

import dev.weft.graph.Graph;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GoMachine design: every vertex runs on its own virtual thread, every edge is a channel, and a
 * vertex fires when all its inputs have arrived. Leaves (constants, variables, placeholders) are
 * fed by feeder threads; a value that several vertices read is sent to each of them, and channels
 * are positional, so {@code add(x, x)} receives x twice.
 *
 * <p>Unlike Gorgonia's machine, this one captures no input values when it is built: it is
 * compiled once and each {@link #run} feeds new inputs. The threads of a run all end before
 * {@code run} returns, whether it succeeds, fails, times out or is cancelled.
 *
 * <h2>Partitioning</h2>
 * {@link Partitioning#PER_VERTEX} (the default) is the article's design, one thread per vertex.
 * {@link Partitioning#ADAPTIVE} first runs the graph {@value #CALIBRATION_RUNS} times on one thread
 * to measure each vertex (keeping its fastest time, so JIT warm-up counts less; it measures and
 * re-plans again after 256 and 4,096 runs), then
 * gives a thread of its own only to vertices that cost more than a threshold; cheap vertices join
 * the thread of the producer they read. On graphs of trivial ops this removes nearly all hand-offs,
 * and on graphs of heavy ops it keeps the parallelism.
 *
 * <p>Implementation note, why no partitioning can deadlock: every thread runs its vertices in
 * increasing topological order and blocks only to receive an input. Take the unfinished vertex
 * with the smallest topological index: its producers all come earlier, so they have finished and
 * sent their values, and every vertex before it on its own thread has finished too, so its thread
 * is at it and can proceed. Some vertex can therefore always proceed until all have run.
 *
 * <p>Memory visibility: a value sent on a channel happens-before its receipt (the channels are
 * {@link java.util.concurrent.BlockingQueue}s), and every thread of a run ends before {@code run}
 * returns, so the caller sees all results. Runs on one machine are serialised.
 */
public final class ConcurrentMachine implements Machine {

    /** How vertices are mapped onto threads. */
    public enum Partitioning {
        /** One virtual thread per vertex, one channel per cross-thread edge: the article's design. */
        PER_VERTEX,
        /** Threads only for vertices heavier than the threshold, measured over the first runs. */
        ADAPTIVE
    }

    /** Vertices measured under this many nanoseconds share their producer's thread in ADAPTIVE mode. */
    public static final long DEFAULT_ADAPTIVE_THRESHOLD_NANOS = 20_000;

    /** ADAPTIVE mode runs this many times on one thread, measuring, before it first partitions. */
    public static final int CALIBRATION_RUNS = 16;

    /** The runs after which ADAPTIVE mode partitions again from fresh measurements; then it stops measuring. */
    private static final int[] REPLAN_AT = {CALIBRATION_RUNS, 256, 4096};

    private final Program program;
    private final Partitioning partitioning;
    private final long thresholdNanos;
    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicReference<ExecutorService> running = new AtomicReference<>();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private final BufferPool pool = new BufferPool();
    private final ThreadFactory threads = Thread.ofVirtual().name("weft-vertex-", 0).factory();
    private volatile Plan plan;
    private long[] bestCost;
    private int adaptiveRuns, replans;
    private volatile Trace trace;
    private volatile boolean closed;
    private Tensor[] vars;

    /** A machine with one virtual thread per vertex. */
    public ConcurrentMachine(Graph graph) { this(graph, Partitioning.PER_VERTEX, DEFAULT_ADAPTIVE_THRESHOLD_NANOS); }

    /** A machine with the given partitioning; {@code thresholdNanos} matters only to ADAPTIVE. */
    public ConcurrentMachine(Graph graph, Partitioning partitioning, long thresholdNanos) {
        this.program = new Program(graph);
        this.partitioning = partitioning;
        this.thresholdNanos = thresholdNanos;
        this.vars = program.initialVariables();
        this.plan = partitioning == Partitioning.PER_VERTEX ? Plan.perVertex(program) : Plan.single(program);
    }

    /** The partitioning this machine was built with. */
    public Partitioning partitioning() { return partitioning; }

    /** How many threads the next run will start (after calibration, for ADAPTIVE). */
    public int threadCount() { return plan.threads(); }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout) {
        runLock.lock();
        try {
            if (closed) throw new IllegalStateException("the machine is closed");
            Tensor[] fed = program.bind(inputs);
            Plan p = plan;
            boolean measuring = partitioning == Partitioning.ADAPTIVE && replans < REPLAN_AT.length;
            Run run = new Run(program, p, fed, vars, trace, measuring, liveThreads, pool);
            execute(run, timeout);
            if (measuring) measured(run.costNanos);
            return program.outputs(run.values);
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Keeps each vertex's fastest time since the last plan, and re-plans at the runs listed in
     * {@link #REPLAN_AT}. The fastest time, and several plans, because early runs are interpreted or
     * half-compiled: judged on them alone, cheap vertices look heavy.
     */
    private void measured(long[] costs) {
        if (bestCost == null) {
            bestCost = costs.clone();
        } else {
            for (int v = 0; v < costs.length; v++) bestCost[v] = Math.min(bestCost[v], costs[v]);
        }
        if (++adaptiveRuns == REPLAN_AT[replans]) {
            plan = Plan.adaptive(program, bestCost, thresholdNanos);
            bestCost = null;
            replans++;
        }
    }

    private void execute(Run run, Duration timeout) {
        if (run.plan.threads() == 1) {
            // Nothing to hand off: the caller runs the lone thread's vertices itself, saving a thread start.
            run.runInline(timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos(), timeout);
            return;
        }
        ExecutorService exec = Executors.newThreadPerTaskExecutor(threads);
        running.set(exec);
        try {
            for (int t = 0; t < run.plan.threads(); t++) {
                int thread = t;
                try {
                    exec.execute(() -> run.runThread(thread, exec));
                } catch (RejectedExecutionException e) {
                    // A vertex already failed and shut the run down; the threads not started count as done.
                    for (int rest = t; rest < run.plan.threads(); rest++) run.done.countDown();
                    break;
                }
            }
            boolean finished;
            try {
                finished = timeout == null ? awaitAll(run) : run.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                exec.shutdownNow();
                Thread.currentThread().interrupt();
                throw new MachineException(null, "the run was cancelled", new CancellationException());
            }
            if (!finished) {
                exec.shutdownNow();
                throw new MachineException(null, "the run timed out after " + timeout, new TimeoutException());
            }
        } finally {
            running.set(null);
            exec.shutdownNow();
            closeQuietly(exec);
        }
        Throwable failure = run.failure.get();
        if (failure instanceof MachineException me) throw me;
        if (failure != null) throw new MachineException(null, "the run was cancelled: " + failure, failure);
    }

    private static boolean awaitAll(Run run) throws InterruptedException {
        run.done.await();
        return true;
    }

    /** Waits for every thread of the run to end, even if this thread is interrupted meanwhile. */
    private static void closeQuietly(ExecutorService exec) {
        boolean interrupted = false;
        while (true) {
            try {
                if (exec.awaitTermination(1, TimeUnit.DAYS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Cancels the run in progress, if any, from another thread; that run fails with a MachineException. */
    public void cancel() {
        ExecutorService exec = running.get();
        if (exec != null) exec.shutdownNow();
    }

    /** Vertex threads of this machine still alive; 0 whenever no run is in progress. */
    int liveThreads() { return liveThreads.get(); }

    @Override
    public Tensor variable(String name) {
        runLock.lock();
        try {
            return vars[program.variableIndex(name)];
        } finally {
            runLock.unlock();
        }
    }

    @Override
    public void setVariable(String name, Tensor value) {
        runLock.lock();
        try {
            int v = program.variableIndex(name);
            program.checkVariable(v, value);
            vars[v] = value;
        } finally {
            runLock.unlock();
        }
    }

    @Override
    public void reset() {
        runLock.lock();
        try {
            vars = program.initialVariables();
        } finally {
            runLock.unlock();
        }
    }

    @Override
    public MemoryStats memory() { return new MemoryStats(pool.allocatedBytes(), pool.reusedBytes()); }

    @Override
    public void trace(Trace trace) { this.trace = trace; }

    @Override
    public void close() {
        closed = true;
        cancel();
        runLock.lock();
        runLock.unlock();
    }
}
