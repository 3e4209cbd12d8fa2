package dev.weft.machine;

import dev.weft.graph.Graph;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.memory.BufferPool;
import java.time.Duration;
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
    private Tensor[] vars;
    private volatile Trace trace;
    private boolean closed;

    public SequentialMachine(Graph graph) {
        this.program = new Program(graph);
        this.vars = program.initialVariables();
    }

    @Override
    public synchronized Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout) {
        if (closed) throw new IllegalStateException("the machine is closed");
        Tensor[] fed = program.bind(inputs);
        RunMemory memory = new RunMemory(pool, fed, vars, program);
        return ScopedValue.where(BufferPool.CURRENT, pool).call(() -> runTape(fed, memory, timeout));
    }

    private Map<String, Tensor> runTape(Tensor[] fed, RunMemory memory, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Trace tr = trace;
        int n = program.size();
        Tensor[][] values = new Tensor[n][];
        for (int v = 0; v < n; v++) {
            if (Thread.interrupted()) {
                throw new MachineException(null, "the run was cancelled", new CancellationException());
            }
            if (System.nanoTime() > deadline) {
                throw new MachineException(null, "the run timed out after " + timeout + " before node '"
                        + program.vertices[v].name() + "'", new TimeoutException());
            }
            int[] ins = program.inVertex[v];
            Tensor[] in = new Tensor[ins.length];
            for (int s = 0; s < ins.length; s++) {
                if (ins[s] >= 0) in[s] = values[ins[s]][program.inPort[v][s]];
            }
            long start = tr == null ? 0 : System.nanoTime();
            values[v] = program.execute(v, in, fed, vars);
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
        return program.outputs(values);
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
