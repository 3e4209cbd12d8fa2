package dev.weft.farm.run;

/**
 * An in-JVM task for the Java API. Returning normally means the task succeeded; throwing means it
 * failed (and may be retried). Called concurrently from several worker threads, so implementations
 * must be thread-safe. A timeout interrupts the calling thread; a function that ignores interrupts
 * cannot be stopped and keeps its worker slot until it returns.
 */
@FunctionalInterface
public interface TaskFunction {
    void run(TaskContext context) throws Exception;
}
