package dev.weft.machine;

import dev.weft.tensor.Tensor;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a compiled graph: named placeholder values in, named output values out.
 *
 * <p>A machine is built once and run many times; each run reads the current values of the
 * graph's variables. Runs on one machine are serialised (a second caller waits); use one machine
 * per thread for parallel serving.
 *
 * <p>Errors: a missing or ill-typed input raises {@link IllegalArgumentException} naming the
 * placeholder and the type it expects; a failing op raises {@link MachineException} naming the
 * node and op; running past the timeout raises {@link java.util.concurrent.TimeoutException}
 * wrapped in a MachineException; interrupting the calling thread cancels the run.
 */
public interface Machine extends AutoCloseable {

    /** Runs the graph with {@code inputs} (placeholder name to value) and returns its outputs by name. */
    default Map<String, Tensor> run(Map<String, Tensor> inputs) { return run(inputs, null); }

    /**
     * Like {@link #run(Map)}, failing if the run takes longer than {@code timeout} (null: no limit).
     * On timeout every vertex is cancelled before this method returns.
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs, Duration timeout);

    /**
     * Runs like {@link #run(Map)}, but lends the outputs instead of handing them over: the returned
     * map and its tensors stay the machine's, and are valid only until the machine's next run
     * (borrowed or not), which reuses their arrays. For a serving loop that reads or copies each
     * result before the next request: in steady state a borrowed run allocates close to nothing, as
     * the output arrays, their tensor objects and the map come back run after run. The map is
     * read-only. Outputs that are constants, variables or inputs are returned as they are.
     */
    Map<String, Tensor> runBorrowed(Map<String, Tensor> inputs);

    /** The current value of variable {@code name}. */
    Tensor variable(String name);

    /** Replaces the value of variable {@code name}; it must keep the variable's type. */
    void setVariable(String name, Tensor value);

    /** Restores every variable to its initial value and forgets any state from earlier runs. */
    void reset();

    /** Cumulative statistics of the machine's buffer pool (see {@link dev.weft.tensor.memory.BufferPool}). */
    MemoryStats memory();

    /** Records a timeline of the following runs, or stops recording with null. */
    void trace(Trace trace);

    /** Releases the machine; later runs fail. Idempotent. */
    @Override
    void close();
}
