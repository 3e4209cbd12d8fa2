package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft farm} through the real command line: options, and one-line errors for bad input. */
class FarmCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run weft(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream so = System.out;
        PrintStream se = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Weft.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(so);
            System.setErr(se);
        }
    }

    private void assertOneLineError(Run r, String expected) {
        assertNotEquals(0, r.code());
        assertEquals(1, r.err().lines().count(), "expected one line, got:\n" + r.err());
        assertTrue(r.err().startsWith("weft: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void runsARangeIntoResultFiles() throws Exception {
        Path res = dir.resolve("res");
        Run r = weft("farm", "--results", res.toString(), "--range", "0..1000", "--batch", "250", "-j", "3", "--progress", "none",
                "--", "sh", "-c", "echo $0 $1", "{start}", "{count}");
        assertEquals(0, r.code(), r.err());
        assertEquals("750 250\n", Files.readString(res.resolve("3.out")));
        assertTrue(r.err().contains("4 tasks"), r.err());
    }

    @Test
    void exitCodeAndSummaryReportFailuresAndTheirLogs() throws Exception {
        Path res = dir.resolve("res");
        Run r = weft("farm", "--results", res.toString(), "--range", "0..4", "--progress", "none", "--", "sh", "-c", "exit $0", "{index}");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("1 ok, 3 failed"), r.err());
        assertTrue(r.err().contains(res.resolve("2.err").toString()), r.err());
        assertTrue(r.err().contains("--resume"), r.err());
    }

    @Test
    void streamsCsvColumns() throws Exception {
        Path csv = Files.writeString(dir.resolve("people.csv"), "name,age\nann,31\n\"bob, jr\",4\n");
        Run r = weft("farm", "--csv", csv.toString(), "--stream", "--tag", "{name}: ", "-j", "1", "--progress", "none",
                "--", "echo", "{age}");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ann: 31\n") && r.out().contains("bob, jr: 4\n"), r.out());
    }

    @Test
    void unknownPlaceholder() {
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..10", "--", "echo", "{stat}"),
                "unknown placeholder {stat}");
    }

    @Test
    void emptyRange() {
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "5..5", "--", "true"), "empty range 5..5");
    }

    @Test
    void zeroWorkers() {
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..5", "-j", "0", "--", "true"),
                "--workers must be at least 1, got 0");
    }

    @Test
    void missingCommand() {
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..5"), "missing command");
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..5", "--", "no-such-tool-weft"),
                "command 'no-such-tool-weft' not found on PATH");
    }

    @Test
    void unreadableJournal() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.tsv"), "this is not a journal\n");
        assertOneLineError(weft("farm", "--journal", junk.toString(), "--results", dir.resolve("r").toString(), "--resume",
                "--range", "0..5", "--", "true"), "line 1 is malformed");
        assertOneLineError(weft("farm", "--journal", dir.resolve("none.tsv").toString(), "--results", dir.resolve("r").toString(),
                "--resume", "--range", "0..5", "--", "true"), "does not exist");
        assertFalse(Files.exists(dir.resolve("r").resolve("0.out")));
    }

    @Test
    void badOptionValues() {
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..5", "--halt", "maybe", "--", "true"), "--halt");
        assertOneLineError(weft("farm", "--results", dir.resolve("r").toString(), "--range", "0..5", "--timeout", "soon", "--", "true"), "--timeout");
        assertOneLineError(weft("farm", "--range", "0..5", "--lines", "x", "--", "true"), "only one of");
    }
}
