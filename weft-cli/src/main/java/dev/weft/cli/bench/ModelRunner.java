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
     * Runs the model {@code runs} more times with per-kernel timing on and returns where the time
     * went, or null when this runner cannot tell. Timing costs a little per kernel, so the harness
     * calls this after the timed rounds, never between them.
     */
    default OpProfile profile(int runs) throws Exception { return null; }

    @Override
    default void close() throws Exception {}
}
