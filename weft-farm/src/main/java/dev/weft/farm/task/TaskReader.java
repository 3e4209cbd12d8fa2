package dev.weft.farm.task;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Reads a source one task at a time. Used by a single producer thread; not thread-safe, except that
 * {@link #close()} may be called from another thread to unblock a reader waiting for input.
 */
public interface TaskReader extends AutoCloseable {

    /** The placeholders every task of this source fills. */
    Placeholders placeholders();

    /** The number of tasks, when it is known without reading them all into memory. */
    OptionalLong size();

    /**
     * The next task, or {@code null} at the end of the source (or when an idle timeout ran out).
     *
     * @throws IOException when the input cannot be read or is malformed (the message names file and line)
     */
    Task next() throws IOException;

    @Override
    void close() throws IOException;
}
