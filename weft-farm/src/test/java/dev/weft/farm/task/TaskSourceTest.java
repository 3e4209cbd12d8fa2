package dev.weft.farm.task;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSourceTest {
    @TempDir
    Path dir;

    private static List<Task> all(TaskReader r) throws IOException {
        var out = new ArrayList<Task>();
        Task t;
        while ((t = r.next()) != null) out.add(t);
        return out;
    }

    @Test
    void rangeCutsBatchesWithAShortLastOne() throws IOException {
        var r = new TaskSource.Range(10, 35, 10).open(null);
        assertEquals(3, r.size().getAsLong());
        var tasks = all(r);
        assertEquals(List.of("0", "10", "10", "20"), tasks.get(0).values());
        assertEquals(List.of("2", "30", "5", "35"), tasks.get(2).values());
    }

    @Test
    void rangeErrorsAreOneLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> TaskSource.Range.parse("5..5", 1));
        assertEquals("empty range 5..5: the end must be greater than the start", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskSource.Range.parse("0-10", 1));
        assertThrows(IllegalArgumentException.class, () -> TaskSource.Range.parse("0..10", 0));
    }

    @Test
    void hugeRangeIsStreamed() throws IOException {
        var r = new TaskSource.Range(0, 4_000_000_000L, 1).open(null);
        assertEquals(4_000_000_000L, r.size().getAsLong());
        Task t = null;
        for (int i = 0; i < 1000; i++) t = r.next();
        assertEquals(999, t.index());
    }

    @Test
    void linesOfAFile() throws IOException {
        Path f = Files.writeString(dir.resolve("in.txt"), "a b\n\nc\nlast-without-newline");
        var r = new TaskSource.Lines(f).open(null);
        assertEquals(4, r.size().getAsLong());
        var tasks = all(r);
        assertEquals(List.of("0", "a b"), tasks.get(0).values());
        assertEquals(List.of("1", ""), tasks.get(1).values());
        assertEquals(List.of("3", "last-without-newline"), tasks.get(3).values());
    }

    @Test
    void missingTaskFileIsNamed() {
        var e = assertThrows(IOException.class, () -> new TaskSource.Lines(dir.resolve("nope.txt")).open(null));
        assertTrue(e.getMessage().contains("nope.txt") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void csvWithQuotesAndMultilineFields() throws IOException {
        Path f = Files.writeString(dir.resolve("in.csv"), "name,note\nann,\"says \"\"hi\"\", ok\"\nbob,\"two\nlines\"\n\ncid,plain\n");
        var r = new TaskSource.Csv(f, ',').open(null);
        assertEquals(List.of("name", "note", "index"), r.placeholders().names());
        var tasks = all(r);
        assertEquals(3, tasks.size());
        assertEquals(List.of("ann", "says \"hi\", ok", "0"), tasks.get(0).values());
        assertEquals(List.of("bob", "two\nlines", "1"), tasks.get(1).values());
        assertEquals(List.of("cid", "plain", "2"), tasks.get(2).values());
    }

    @Test
    void tsvAndBadRows() throws IOException {
        Path f = Files.writeString(dir.resolve("in.tsv"), "a\tb\n1\t2\n3\n");
        var r = new TaskSource.Csv(f, '\t').open(null);
        assertEquals(List.of("1", "2", "0"), r.next().values());
        var e = assertThrows(IOException.class, r::next);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("1 fields"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,a\n1,2\n");
        assertTrue(assertThrows(IOException.class, () -> new TaskSource.Csv(bad, ',').open(null)).getMessage().contains("twice"));
    }
}
