package dev.weft.farm.task;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A description of where the tasks come from. Values are immutable and checked on construction, so
 * an empty range or 0 batch size fails before anything runs; {@link #open} starts reading.
 */
public sealed interface TaskSource {

    /** Opens a reader. {@code idleTimeout} (may be null) ends a line source that stays silent that long. */
    TaskReader open(Duration idleTimeout) throws IOException;

    /** A one-line description, stored in the journal to recognise the same farm on resume. */
    String describe();

    /**
     * Integers {@code [from, to)} cut into batches of {@code batch}: placeholders {@code {index}} (batch
     * number), {@code {start}}, {@code {count}} (size of this batch; the last may be short) and
     * {@code {end}} (exclusive).
     */
    record Range(long from, long to, long batch) implements TaskSource {
        public Range {
            if (to <= from) throw new IllegalArgumentException("empty range " + from + ".." + to + ": the end must be greater than the start");
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }

        /** Parses {@code A..B} (end exclusive). */
        public static Range parse(String text, long batch) {
            int dots = text.indexOf("..");
            if (dots < 0) throw new IllegalArgumentException("--range: '" + text + "' is not of the form START..END, e.g. 0..10000");
            try {
                return new Range(Long.parseLong(text.substring(0, dots).strip()), Long.parseLong(text.substring(dots + 2).strip()), batch);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--range: '" + text + "' is not of the form START..END with integers, e.g. 0..10000");
            }
        }

        public long tasks() {
            return (to - from + batch - 1) / batch;
        }

        @Override
        public TaskReader open(Duration idleTimeout) {
            return new RangeReader(this);
        }

        @Override
        public String describe() {
            return "range " + from + ".." + to + " batch " + batch;
        }
    }

    /** Lines of a file, or of stdin when {@code file} is {@code null}: placeholders {@code {index}} and {@code {}} (the line). */
    record Lines(Path file) implements TaskSource {
        @Override
        public TaskReader open(Duration idleTimeout) throws IOException {
            return LineReader.open(file, idleTimeout);
        }

        @Override
        public String describe() {
            return "lines " + (file == null ? "-" : file.toAbsolutePath().normalize());
        }
    }

    /**
     * Rows of a CSV ({@code separator} ',', RFC 4180 quoting) or TSV ({@code '\t'}, no quoting) file
     * with a header row: each column becomes {@code {name}}, plus {@code {index}} (row number from 0)
     * unless a column is called that.
     */
    record Csv(Path file, char separator) implements TaskSource {
        @Override
        public TaskReader open(Duration idleTimeout) throws IOException {
            return CsvReader.open(file, separator);
        }

        @Override
        public String describe() {
            return (separator == '\t' ? "tsv " : "csv ") + file.toAbsolutePath().normalize();
        }
    }

    /** In-memory values for the Java API, read lazily from the iterable: {@code {index}} and {@code {}}. */
    record Values(Iterable<String> values) implements TaskSource {
        @Override
        public TaskReader open(Duration idleTimeout) {
            return new ValuesReader(values.iterator());
        }

        @Override
        public String describe() {
            return "values";
        }
    }

    /** The placeholders of line-like sources. */
    Placeholders LINE_PLACEHOLDERS = Placeholders.of("index", "");

    /** Convenience for the Java API. */
    static Values values(List<String> values) {
        return new Values(values);
    }
}
