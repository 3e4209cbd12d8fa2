package dev.weft.machine;

/** A run failed: an op threw, the run timed out, or it was cancelled. The message names the node. */
public final class MachineException extends RuntimeException {
    private final String node;

    public MachineException(String node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
    }

    /** The node where the run failed, or null when the failure was not one node's (timeout, cancel). */
    public String node() { return node; }
}
