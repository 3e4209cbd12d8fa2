package dev.weft.machine;

/**
 * What a machine's runs asked of its buffer pool so far: bytes of tensors that needed new arrays,
 * and bytes served from arrays freed by earlier values. Their sum per run is the run's activation
 * bytes; in steady state {@code freshBytes} stops growing.
 */
public record MemoryStats(long freshBytes, long reusedBytes) {
    /** Activation bytes requested in total. */
    public long totalBytes() { return freshBytes + reusedBytes; }
}
