package dev.weft.cli.bench;

/**
 * One way of running one model on fixed inputs, as many times as the harness asks. Implementations
 * prepare everything (session, input tensors) before the first {@link #runOnce}, so a call measures
 * inference alone. Not thread-safe; the harness calls from one thread.
 */
public interface ModelRunner extends AutoCloseable {
    /** A short name for tables, e.g. {@code weft concurrent} or {@code ORT sequential}. */
    String name();

    /** Runs the model once; returns a value derived from the outputs, so the work cannot be skipped. */
    Object runOnce() throws Exception;

    /** Activation bytes this runner's engine requested so far, or -1 when it cannot tell. */
    default long activationBytes() { return -1; }

    /**
     * A way to run the model with per-kernel timing on, or null when this runner cannot tell where
     * its time goes. Timing costs a little per kernel, so the harness profiles after the timed
     * rounds, never between them.
     */
    default Profiler profiler() throws Exception { return null; }

    /** Profiled runs of one runner; the harness alternates them with other runners' profiled runs. */
    interface Profiler {
        /** Runs the model once, timing each kernel. */
        void runOnce() throws Exception;

        /** Ends profiling and returns the kernel times of the {@code runs} runs made. */
        OpProfile finish(int runs) throws Exception;
    }

    @Override
    default void close() throws Exception {}
}
