package dev.weft.farm.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a CSV file (RFC 4180: fields may be quoted with {@code "}, a doubled quote is a quote, quoted
 * fields may span lines) or a TSV file (tab-separated, no quoting). The first row names the columns.
 */
final class CsvReader implements TaskReader {
    private final BufferedReader in;
    private final Path file;
    private final char sep;
    private final Placeholders placeholders;
    private final int columns;
    /** Slot of {index} in the placeholders, or -1 when a column of that name shadows it. */
    private final boolean ownIndex;
    private long lineNo;
    private long next;

    private CsvReader(BufferedReader in, Path file, char sep) throws IOException {
        this.in = in;
        this.file = file;
        this.sep = sep;
        List<String> header = readRecord();
        if (header == null) throw new IOException(file + " is empty: a CSV/TSV task file needs a header row naming its columns");
        var seen = new HashSet<String>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            if (h.isEmpty()) throw new IOException(file + ": column " + (i + 1) + " of the header has no name");
            if (!Template.isName(h)) throw new IOException(file + ": column name '" + h + "' cannot be a placeholder (use letters, digits, _ . -)");
            if (!seen.add(h)) throw new IOException(file + ": column name '" + h + "' appears twice in the header");
            header.set(i, h);
        }
        columns = header.size();
        ownIndex = !seen.contains("index");
        var names = new ArrayList<>(header);
        if (ownIndex) names.add("index");
        placeholders = new Placeholders(names);
    }

    static CsvReader open(Path file, char sep) throws IOException {
        try {
            return new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file, sep);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read task file " + file + ": no such file", e);
        }
    }

    @Override
    public Placeholders placeholders() {
        return placeholders;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public Task next() throws IOException {
        List<String> row;
        do {
            row = readRecord();
            if (row == null) return null;
        } while (row.size() == 1 && row.getFirst().isEmpty()); // blank lines carry no task
        if (row.size() != columns) {
            throw new IOException(file + " line " + lineNo + ": " + row.size() + " fields, but the header names " + columns + " columns");
        }
        long index = next++;
        if (ownIndex) row.add(Long.toString(index));
        return new Task(index, row);
    }

    /** One record as fields, or null at end of file. */
    private List<String> readRecord() throws IOException {
        String line = in.readLine();
        if (line == null) return null;
        lineNo++;
        var fields = new ArrayList<String>();
        if (sep == '\t') {
            for (String f : line.split("\t", -1)) fields.add(f);
            return fields;
        }
        var field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        long startLine = lineNo;
        while (true) {
            if (i == line.length()) {
                if (!quoted) break;
                String more = in.readLine();
                if (more == null) throw new IOException(file + " line " + startLine + ": a quoted field is never closed");
                lineNo++;
                field.append('\n');
                line = more;
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == sep) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
