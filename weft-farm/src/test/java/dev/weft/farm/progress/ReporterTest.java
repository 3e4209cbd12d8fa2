package dev.weft.farm.progress;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReporterTest {
    @Test
    void barShowsCountsAndOneLinePerBusyWorker() {
        var board = new ProgressBoard(40);
        board.total(OptionalLong.of(100));
        for (int i = 0; i < 30; i++) board.ok();
        board.failed();
        board.retried();
        for (int w = 1; w <= 30; w++) board.running(w, new ProgressBoard.Slot(100 + w, w == 2 ? 2 : 1, System.nanoTime(), "python job.py " + w));
        var console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), true);
        try (var r = new Reporter(board, console, Reporter.Mode.NONE, Duration.ofSeconds(10), 120, 20)) {
            String[] lines = r.barLines();
            assertTrue(lines[0].startsWith("[") && lines[0].contains("31/100") && lines[0].contains("ok 30") && lines[0].contains("failed 1")
                    && lines[0].contains("retries 1") && lines[0].contains("ETA"), lines[0]);
            assertEquals(1 + 16 + 1, lines.length, "at most height-4 worker lines, then a count of the rest");
            assertTrue(lines[1].contains("worker 1") && lines[1].contains("task 101") && lines[1].endsWith("python job.py 1"), lines[1]);
            assertTrue(lines[2].contains("try 2"), lines[2]);
            assertEquals("  ... and 14 more workers busy", lines[17]);
            for (String l : lines) assertTrue(l.length() <= 120);
            String plain = r.plainLine();
            assertTrue(plain.startsWith("weft farm: 31/100 done (30 ok, 1 failed, 1 retries), 30 running"), plain);
        }
    }

    @Test
    void consoleErasesTheBarBeforeTaskOutput() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var c = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), true);
        c.bar(new String[] {"[##..] 1/2", "  worker 1"});
        c.taskLine("[0] hello", false);
        assertEquals("[0] hello\n", out.toString(StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("\033[2F\033[J"), "the two bar lines are erased before the output line");
        assertTrue(e.endsWith("  worker 1\033[K\n"), "and redrawn after it");
    }
}
