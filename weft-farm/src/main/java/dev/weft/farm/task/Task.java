package dev.weft.farm.task;

import java.util.List;

/**
 * One unit of work: its position {@code index} in the source (0-based, stable across runs of the same
 * source, which is what the journal and {@code --resume} key on) and the values of its placeholders,
 * in the order of the source's {@link Placeholders}. Immutable.
 */
public record Task(long index, List<String> values) {
    public Task {
        values = List.copyOf(values);
    }

    /** The value of placeholder number {@code slot} of the source's {@link Placeholders}. */
    public String value(int slot) {
        return values.get(slot);
    }
}
