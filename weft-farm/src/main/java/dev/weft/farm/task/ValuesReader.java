package dev.weft.farm.task;

import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/** Reads a {@link TaskSource.Values} lazily from its iterator. */
final class ValuesReader implements TaskReader {
    private final Iterator<String> it;
    private long next;

    ValuesReader(Iterator<String> it) {
        this.it = it;
    }

    @Override
    public Placeholders placeholders() {
        return TaskSource.LINE_PLACEHOLDERS;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public Task next() {
        if (!it.hasNext()) return null;
        long index = next++;
        return new Task(index, List.of(Long.toString(index), it.next()));
    }

    @Override
    public void close() {}
}
