package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.weft.farm.interactive.Interview;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The interactive questions, scripted, produce a command line that the farm command accepts. */
class InterviewTest {
    @Test
    void answersBecomeTheEquivalentCommandLine() throws Exception {
        var out = new ByteArrayOutputStream();
        // The end index is first answered wrongly (not above the start) and asked again.
        var in = new BufferedReader(new StringReader("python job.py --start {start} --count {count}\n100\n50\n1100\n\n32\n"));
        var iv = new Interview(in, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> args = iv.ask();
        assertEquals(List.of("--range", "100..1100", "--batch", "1", "--workers", "32", "--shell", "--",
                "python job.py --start {start} --count {count}"), args);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("greater than the start index"));
        assertEquals("weft farm --range 100..1100 --batch 1 --workers 32 --shell -- 'python job.py --start {start} --count {count}'",
                Interview.commandLine(args));
        var cmd = new FarmCommand();
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        var cfg = cmd.config();
        assertEquals(32, cfg.workers());
        assertEquals("range 100..1100 batch 1", cfg.source().describe());
    }

    @Test
    void endOfInputAborts() throws Exception {
        var iv = new Interview(new BufferedReader(new StringReader("echo hi\n")), new PrintStream(new ByteArrayOutputStream()));
        assertNull(iv.ask());
    }
}
