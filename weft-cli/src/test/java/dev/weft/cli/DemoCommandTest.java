package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void printsTheArticlesNumberFromEveryMachineAndWritesATrace(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.json");
        CliRunner r = CliRunner.run("demo", "--runs", "5", "--ballast-us", "5", "--trace", trace.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String machine : new String[] {"sequential", "concurrent", "concurrent-adaptive"}) {
            assertTrue(Pattern.compile("(?m)^  " + machine + " +f = 0\\.8807970779778823 ").matcher(r.out()).find(), r.out());
        }
        assertTrue(r.out().contains("sequential/this ="), r.out());
        String json = Files.readString(trace);
        assertTrue(json.startsWith("{\"displayTimeUnit\":\"ns\",\"traceEvents\":["), json);
        // Every vertex of the wide graph (43 with 8 branches) ran once per machine: 3 machines.
        Matcher events = Pattern.compile("\"ph\":\"X\"").matcher(json);
        int count = 0;
        while (events.find()) count++;
        assertEquals(3 * 43, count);
        assertTrue(json.contains("\"name\":\"ballast_7\""), "trace names the vertices");
    }

    @Test
    void badArgumentGivesOneLineWithoutStackTrace() {
        CliRunner r = CliRunner.run("demo", "--branches", "0");
        assertEquals(1, r.exitCode());
        assertEquals("weft: --branches must be at least 1, got 0", r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        CliRunner verbose = CliRunner.run("demo", "--branches", "0", "--verbose");
        assertTrue(verbose.err().contains("\tat "), "a stack trace with --verbose");
    }
}
