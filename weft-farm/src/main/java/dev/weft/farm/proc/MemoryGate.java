package dev.weft.farm.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Holds back task starts while the machine's available memory ({@code MemAvailable} of
 * {@code /proc/meminfo}) is below a threshold. Thread-safe; readings are cached for a few
 * milliseconds so thousands of starts per second do not each read /proc.
 */
public final class MemoryGate {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final long CACHE_NANOS = 20_000_000;
    private final long minFreeBytes;
    private volatile long cachedAt;
    private volatile long cachedFree = -1;

    /** @throws IllegalArgumentException when the machine has no /proc/meminfo to read */
    public MemoryGate(long minFreeBytes) {
        this.minFreeBytes = minFreeBytes;
        if (readAvailable() < 0) throw new IllegalArgumentException("--memfree needs /proc/meminfo (Linux); it cannot be read here");
    }

    /** Bytes available now, or -1 if unknown. */
    public static long readAvailable() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private long available() {
        long now = System.nanoTime();
        if (cachedFree < 0 || now - cachedAt > CACHE_NANOS) {
            cachedFree = readAvailable();
            cachedAt = now;
        }
        return cachedFree;
    }

    /** Whether a task may start now. */
    public boolean open() {
        return available() >= minFreeBytes;
    }

    /** Blocks until a task may start, polling every {@code poll}. */
    public void await(Duration poll) throws InterruptedException {
        while (!open()) Thread.sleep(poll);
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }
}
