package dev.weft.farm.journal;

import static org.junit.jupiter.api.Assertions.*;

import dev.weft.farm.journal.JournalRecord.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void recordsRoundTrip() throws IOException {
        var s = new JournalRecord.Started(7, 2, 3, 12345, 1700000000000L);
        var f = new JournalRecord.Finished(7, 2, 143, Status.TIMED_OUT, 1700000000000L, 5001);
        assertEquals(s, JournalRecord.decode(s.encode()));
        assertEquals(f, JournalRecord.decode(f.encode()));
    }

    @Test
    void concurrentAppendsAreAllThereAndDurable() throws Exception {
        Path file = dir.resolve("j.tsv");
        int threads = 16;
        int each = 500;
        try (var j = Journal.open(file, Journal.Sync.COMMIT)) {
            var ts = new ArrayList<Thread>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                ts.add(Thread.ofVirtual().start(() -> {
                    for (int i = base; i < base + each; i++) {
                        try {
                            j.append(new JournalRecord.Started(i, 1, 1, 1, 1));
                            j.appendDurable(new JournalRecord.Finished(i, 1, 0, Status.OK, 1, 1));
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }
                }));
            }
            for (Thread t : ts) t.join();
        }
        var replay = JournalReplay.read(file);
        assertEquals(threads * each, replay.doneCount());
        assertTrue(replay.inFlight().isEmpty());
        assertEquals(2L * threads * each, replay.records());
    }

    @Test
    void tornLastLineIsIgnoredAndCutBeforeAppending() throws IOException {
        Path file = dir.resolve("j.tsv");
        Files.writeString(file, new JournalRecord.Started(0, 1, 1, 10, 5).encode() + "\n"
                + new JournalRecord.Finished(0, 1, 0, Status.OK, 5, 1).encode() + "\n"
                + new JournalRecord.Started(1, 1, 2, 11, 6).encode() + "\nF\t1\t1\t0\to");
        var replay = JournalReplay.read(file);
        assertTrue(replay.isDone(0));
        assertFalse(replay.isDone(1));
        assertEquals(1, replay.inFlight().size());
        assertEquals(1, replay.inFlight().getFirst().index());
        assertEquals(9, replay.tornBytes());
        try (var j = Journal.open(file, Journal.Sync.GROUP)) {
            j.appendDurable(new JournalRecord.Finished(1, 2, 0, Status.OK, 7, 1));
        }
        var again = JournalReplay.read(file);
        assertTrue(again.isDone(1));
        assertEquals(0, again.tornBytes());
    }

    @Test
    void malformedOrMissingJournalsFailWithOneLine() throws IOException {
        Path file = dir.resolve("j.tsv");
        Files.writeString(file, "S\t1\t1\t1\t1\t1\nhello world\nS\t2\t1\t1\t1\t1\n");
        var e = assertThrows(IOException.class, () -> JournalReplay.read(file));
        assertTrue(e.getMessage().contains("line 2 is malformed"), e.getMessage());
        var missing = assertThrows(IOException.class, () -> JournalReplay.read(dir.resolve("none.tsv")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertTrue(assertThrows(IOException.class, () -> JournalReplay.read(dir)).getMessage().contains("not a file"));
        Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'}, StandardOpenOption.CREATE);
        assertThrows(IOException.class, () -> JournalReplay.read(dir.resolve("bin")));
    }
}
