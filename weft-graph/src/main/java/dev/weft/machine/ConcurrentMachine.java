package dev.weft.machine;

import dev.weft.graph.Graph;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GoMachine design: every vertex runs on its own virtual thread, every edge is a channel, and a
 * vertex fires when all its inputs have arrived. Leaves (constants, variables, placeholders) are
 * fed by feeder threads; a value that several vertices read is sent to each of them, and channels
 * are positional, so {@code add(x, x)} receives x twice.
 *
 * <p>Unlike Gorgonia's machine, this one captures no input values when it is built: it is
 * compiled once and each {@link #run} feeds new inputs. The threads of a run all end before
 * {@code run} returns, whether it succeeds, fails, times out or is cancelled. The first failure
 * (an op's exception, the timeout, {@link #cancel}, interrupting the caller) stops every thread at
 * its next vertex boundary or wait, interrupts the started threads (an op may be blocked), and is
 * what {@code run} throws.
 *
 * <h2>Partitioning</h2>
 * {@link Partitioning#PER_VERTEX} (the default) is the article's design, one thread per vertex; the
 * caller only waits.
 * {@link Partitioning#ADAPTIVE} first runs the graph {@value #CALIBRATION_RUNS} times on one thread
 * to measure each vertex (keeping its fastest time, so JIT warm-up counts less; it measures and
 * re-plans again after 256 and 4,096 runs), then gives a thread of its own only to vertices that
 * cost more than a threshold; cheap vertices join the thread of the producer they read. If no two
 * heavy vertices can overlap (each depends on the one before), the plan is one thread. Otherwise the
 * partitioned plan is timed against the one-thread plan in a {@link Trial} (after
 * {@value #TRIAL_WARMUP} untimed runs of the partitioned plan, whose code is cold until then) and
 * kept only if its median run is faster. After the last re-plan the same trial is held again every
 * {@value #RETRIAL_EVERY} runs: which plan is faster depends on whether a second core is free, and on
 * a shared machine that changes while a model serves.
 * A one-thread plan is a tape on the calling thread: no thread starts and nothing is handed off.
 *
 * <p>Implementation note, why no partitioning can deadlock: every thread runs its vertices in
 * increasing topological order and blocks only to receive an input. Take the unfinished vertex
 * with the smallest topological index: its producers all come earlier, so they have finished and
 * sent their values, and every vertex before it on its own thread has finished too, so its thread
 * is at it and can proceed. Some vertex can therefore always proceed until all have run. That the
 * caller is one of the threads changes nothing: it too runs its vertices in order and blocks only
 * to receive.
 *
 * <p>Memory visibility: a vertex's outputs are written before it marks itself done (a volatile
 * write) and read after its reader sees the mark (a volatile read), so a hand-off happens-before
 * the receipt; every thread of a run ends (is joined) before {@code run} returns, so the caller
 * sees all results. Runs on one machine are serialised, and they reuse one set of per-vertex
 * arrays, so a steady-state run allocates little beyond the op results (see {@code Run}).
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

    /**
     * Runs of a partitioned plan before its trial is timed. Its hand-off code is cold when it is
     * first tried (the one-thread plan ran until then): timed cold, the 8-branch wide graph's
     * partitioned plan took 1.1–2.8 ms per run, after 30 untimed runs 0.65–0.9 ms, after 200
     * 0.57–0.66 ms (the tape: 0.47–0.53 ms). 30 keeps the cost of trying a slow plan on a large
     * model to a second or two.
     *
     * <p>Thirty runs do not make that code fast, though. In a fresh JVM the wide graph's partitioned
     * plan, run alone, took 3.3 ms per run at first, 0.63 ms after 200 runs, 0.44–0.55 ms up to
     * 3,400 runs, then 0.30 ms (the tape: 0.44 ms): only then had C2 compiled the JDK's virtual-
     * thread start, run and yield paths and {@code Run.execute} with its thread loops, none of
     * which a tape run exercises. An adaptive machine runs a partitioned plan only in trials,
     * so its early trials judge half-compiled code and keep the tape; the trial held again every
     * {@value #RETRIAL_EVERY} runs is what lets a later one, after the code has warmed over the
     * trials, find the partitioned plan faster (in one JMH fork of the wide graph after about ten
     * re-trials, at 0.29–0.38 ms against 0.44 ms; in another not within the fork's eight seconds).
     */
    static final int TRIAL_WARMUP = 30;
    /**
     * After the last re-plan, ADAPTIVE mode holds the trial again every this many runs. A trial
     * takes {@value #RETRIAL_WARMUP} + {@value Trial#TIMED_RUNS} runs, about half of them under the
     * plan that loses, so even a plan twice as slow costs about 1% more time; in exchange the
     * machine follows a change of load within about a thousand runs (half a second on the wide
     * graph). (On this project's 2-core machine, shared with
     * other sessions' builds, the wide graph's partitioned plan took 0.70 of the tape's time while
     * the second core was free, and 1.1 to 1.5 times it while other processes kept both cores busy:
     * its carrier threads, parked between hand-offs, then wait for a core after each wake-up, while
     * the tape's one thread keeps running.)
     */
    static final int RETRIAL_EVERY = 1024;
    /** Untimed runs of the partitioned plan before a repeated trial; its code is warm by then. */
    static final int RETRIAL_WARMUP = 5;
    private final Program program;
    private final Partitioning partitioning;
    private final long thresholdNanos;
    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private final BufferPool pool = new BufferPool();
    private final Run state;
    private final Plan single;
    private volatile Plan plan;
    private volatile boolean inProgress;
    private long[] bestCost;
    private int adaptiveRuns, replans, sinceVerdict;
    // The last re-plan's partitioned plan (null when it was one thread), and its trial in progress.
    private Plan partitioned;
    private volatile Trial trial;
    private volatile Trace trace;
    private volatile boolean closed;
    private final LentOutputs lent;
    private Tensor[] vars;

    /** A machine with one virtual thread per vertex. */
    public ConcurrentMachine(Graph graph) { this(graph, Partitioning.PER_VERTEX, DEFAULT_ADAPTIVE_THRESHOLD_NANOS); }

    /** A machine with the given partitioning; {@code thresholdNanos} matters only to ADAPTIVE. */
    public ConcurrentMachine(Graph graph, Partitioning partitioning, long thresholdNanos) {
        this.program = new Program(graph);
        this.partitioning = partitioning;
        this.thresholdNanos = thresholdNanos;
        this.vars = program.initialVariables();
        this.single = Plan.single(program);
        this.plan = partitioning == Partitioning.PER_VERTEX ? Plan.perVertex(program) : single;
        this.state = new Run(program, pool, liveThreads, Thread.ofVirtual().name("weft-vertex").factory());
        this.lent = new LentOutputs(program);
    }

    /** The partitioning this machine was built with. */
    public Partitioning partitioning() { return partitioning; }

    /** How many threads the next run will use, the caller's included (after calibration, for ADAPTIVE). */
    public int threadCount() { return nextPlan().threads(); }

    private Plan nextPlan() {
        Trial t = trial;
        if (t == null) return plan;
        return t.contenderNext() ? t.contender() : single;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout) { return run(inputs, timeout, false); }

    @Override
    public Map<String, Tensor> runBorrowed(Map<String, Tensor> inputs) { return run(inputs, null, true); }

    private Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout, boolean borrow) {
        runLock.lock();
        try {
            if (closed) throw new IllegalStateException("the machine is closed");
            state.bind(inputs);
            lent.giveBack(pool);
            Plan p = nextPlan();
            boolean adaptive = partitioning == Partitioning.ADAPTIVE;
            boolean measuring = adaptive && replans < REPLAN_AT.length;
            // Only a trial needs the run's time (a trial starts after a run, never during one).
            Trial judging = trial;
            long start = judging != null ? System.nanoTime() : 0;
            Map<String, Tensor> out;
            inProgress = true;
            try {
                // The caller runs a one-thread plan itself (a tape, no hand-offs). With more threads it
                // only waits: as a platform thread beside the virtual threads' carriers it would make
                // one thread more than there are cores, and the OS would time-slice busy vertices.
                out = state.execute(p, adaptive && p.threads() == 1, vars, trace, measuring, timeout, borrow ? lent : null);
            } finally {
                inProgress = false;
            }
            if (judging != null) {
                judged(judging, System.nanoTime() - start);
            } else if (adaptive && partitioned != null && replans == REPLAN_AT.length
                    && ++sinceVerdict >= RETRIAL_EVERY) {
                trial = new Trial(partitioned, RETRIAL_WARMUP);
            }
            if (measuring) measured(state.costNanos);
            return out;
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Keeps each vertex's fastest time since the last plan, and re-plans at the runs listed in
     * {@link #REPLAN_AT}. The fastest time, and several plans, because early runs are interpreted or
     * half-compiled: judged on them alone, cheap vertices look heavy. A partitioned plan is then put
     * on trial against the one-thread plan.
     */
    private void measured(long[] costs) {
        if (bestCost == null) {
            bestCost = costs.clone();
        } else {
            for (int v = 0; v < costs.length; v++) bestCost[v] = Math.min(bestCost[v], costs[v]);
        }
        if (++adaptiveRuns == REPLAN_AT[replans]) {
            Plan next = Plan.adaptive(program, bestCost, thresholdNanos);
            bestCost = null;
            replans++;
            if (next.threads() == 1) {
                plan = single;
                partitioned = null;
                trial = null;
            } else {
                partitioned = next;
                trial = new Trial(next, TRIAL_WARMUP);
            }
        }
    }

    /**
     * Records a trial run's time; when the trial is over, keeps the partitioned plan only if its
     * median run was faster. Where hand-offs cost more than overlap gains (small graphs, heavy ops
     * that split across the cores anyway, or no free second core), the one-thread plan wins and the
     * machine runs as a tape.
     */
    private void judged(Trial t, long nanos) {
        if (!t.record(nanos)) return;
        plan = t.contenderWon() ? t.contender() : single;
        trial = null;
        sinceVerdict = 0;
    }

    /** True while a partitioned plan is on trial against the one-thread plan (ADAPTIVE only). */
    boolean onTrial() { return trial != null; }

    /** Cancels the run in progress, if any, from another thread; that run fails with a MachineException. */
    public void cancel() {
        if (inProgress) state.cancel();
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
