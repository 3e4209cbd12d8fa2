package dev.weft.farm.task;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Placeholders RANGE = Placeholders.of("index", "start", "count", "end");
    private static final Task T = new Task(3, List.of("3", "300", "100", "400"));

    @Test
    void fillsPlaceholdersAndKeepsOtherBraces() {
        assertEquals("--from=300 --n 100 end400", Template.parse("--from={start} --n {count} end{end}", RANGE, "x").expand(T));
        assertEquals("awk '{print $1}' {3}", Template.parse("awk '{print $1}' {{3}}", RANGE, "x").expand(T));
        assertEquals("${HOME}/3", Template.parse("${HOME}/{index}", RANGE, "x").expand(T));
        assertEquals("plain", Template.parse("plain", RANGE, "x").expand(T));
    }

    @Test
    void unknownPlaceholderIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Template.parseAll(List.of("python", "job.py", "{stat}"), RANGE));
        assertTrue(e.getMessage().contains("unknown placeholder {stat}"), e.getMessage());
        assertTrue(e.getMessage().contains("argument 2"), e.getMessage());
        assertTrue(e.getMessage().contains("{start}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{}", RANGE, "x"));
    }

    @Test
    void shellQuotingKeepsValuesOneWord() {
        var lines = TaskSource.LINE_PLACEHOLDERS;
        var t = new Task(0, List.of("0", "it's a file; rm -rf /"));
        assertEquals("cat 'it'\\''s a file; rm -rf /'", Template.parse("cat {}", lines, "x").expand(t, Template::shellQuote));
        assertEquals("safe-name_1.txt", Template.shellQuote("safe-name_1.txt"));
        assertEquals("''", Template.shellQuote(""));
    }
}
