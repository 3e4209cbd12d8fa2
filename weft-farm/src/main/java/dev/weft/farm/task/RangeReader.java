package dev.weft.farm.task;

import java.util.List;
import java.util.OptionalLong;

/** Reads a {@link TaskSource.Range}; constant memory however large the range. */
final class RangeReader implements TaskReader {
    private static final Placeholders PLACEHOLDERS = Placeholders.of("index", "start", "count", "end");
    private final TaskSource.Range range;
    private long next;

    RangeReader(TaskSource.Range range) {
        this.range = range;
    }

    @Override
    public Placeholders placeholders() {
        return PLACEHOLDERS;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(range.tasks());
    }

    @Override
    public Task next() {
        if (next >= range.tasks()) return null;
        long index = next++;
        long start = range.from() + index * range.batch();
        long end = Math.min(range.to(), start + range.batch());
        return new Task(index, List.of(Long.toString(index), Long.toString(start), Long.toString(end - start), Long.toString(end)));
    }

    @Override
    public void close() {}
}
