package dev.weft.machine;

import dev.weft.graph.Graph;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Runs a graph as a tape: vertices one after another in topological order, on the calling thread
 * (Gorgonia's TapeMachine). Values are dropped as soon as their last reader has run, so peak
 * memory follows the graph's live set, not its size, and their arrays go back to the machine's
 * {@link BufferPool}, so that later runs reuse them instead of allocating.
 *
 * <p>Timeouts and cancellation (interrupting the caller) take effect between vertices.
 * Thread-safe: runs are serialised on the machine.
 */
public final class SequentialMachine implements Machine {
    private final Program program;
    private final BufferPool pool = new BufferPool();
    private final ScopedValue.Carrier inPool = ScopedValue.where(BufferPool.CURRENT, pool);
    // Reused by every run (runs are serialised): the bound inputs, the values, the vertices' frames.
    private final Frames frames;
    private final RunMemory memory;
    private final Tensor[] fed;
    private final Tensor[][] values;
    private final LentOutputs lent;
    private Tensor[] vars;
    private volatile Trace trace;
    private boolean closed;

    public SequentialMachine(Graph graph) {
        this.program = new Program(graph);
        this.vars = program.initialVariables();
        this.frames = new Frames(program);
        this.memory = new RunMemory(pool, program);
        this.fed = new Tensor[program.size()];
        this.values = new Tensor[program.size()][];
        this.lent = new LentOutputs(program);
    }

    @Override
    public synchronized Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout) {
        return run(inputs, timeout, false);
    }

    @Override
    public synchronized Map<String, Tensor> runBorrowed(Map<String, Tensor> inputs) {
        return run(inputs, null, true);
    }

    private Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout, boolean borrow) {
        if (closed) throw new IllegalStateException("the machine is closed");
        program.bind(inputs, fed);
        lent.giveBack(pool);
        memory.begin(fed, vars);
        try {
            return inPool.call(() -> runTape(timeout, borrow));
        } finally {
            memory.end();
            Arrays.fill(values, null);
            Arrays.fill(fed, null);
        }
    }

    private Map<String, Tensor> runTape(Duration timeout, boolean borrow) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Trace tr = trace;
        int n = program.size();
        for (int v = 0; v < n; v++) {
            if (Thread.interrupted()) {
                throw new MachineException(null, "the run was cancelled", new CancellationException());
            }
            if (System.nanoTime() > deadline) {
                throw new MachineException(null, "the run timed out after " + timeout + " before node '"
                        + program.vertices[v].name() + "'", new TimeoutException());
            }
            int[] ins = program.inVertex[v];
            Tensor[] in = frames.in[v];
            for (int s = 0; s < ins.length; s++) {
                if (ins[s] >= 0) in[s] = values[ins[s]][program.inPort[v][s]];
            }
            long start = tr == null ? 0 : System.nanoTime();
            values[v] = program.execute(v, frames, fed, vars);
            frames.clearInputs(v);
            if (tr != null) tr.record("sequential", program.vertices[v].name(), program.label(v), start, System.nanoTime());
            memory.produced(values[v]);
            for (int p : ins) {
                if (p >= 0 && program.lastUse[p] == v && values[p] != null) {
                    memory.dead(values[p]);
                    values[p] = null;
                }
            }
            if (program.lastUse[v] == v) memory.dead(values[v]); // nobody reads it
        }
        return borrow ? lent.lend(program, values, memory) : program.outputs(values);
    }
    @Override
    public synchronized Tensor variable(String name) { return vars[program.variableIndex(name)]; }

    @Override
    public synchronized void setVariable(String name, Tensor value) {
        int v = program.variableIndex(name);
        program.checkVariable(v, value);
        vars[v] = value;
    }

    @Override
    public synchronized void reset() { vars = program.initialVariables(); }

    @Override
    public MemoryStats memory() { return new MemoryStats(pool.allocatedBytes(), pool.reusedBytes()); }

    @Override
    public void trace(Trace trace) { this.trace = trace; }

    @Override
    public synchronized void close() { closed = true; }
}
