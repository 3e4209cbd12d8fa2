package dev.weft.farm.progress;

import java.io.PrintStream;

/**
 * The farm's one writer to the user's terminal or log: reporter redraws and streamed task output are
 * serialised through it, and on a terminal each output line first erases the live bar, which is then
 * redrawn below. Thread-safe (all methods synchronized).
 */
public final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean ansi;
    private int barLines;
    private String[] lastBar = new String[0];

    /** {@code out} gets streamed stdout lines; {@code err} gets progress, stderr lines and the summary. */
    public Console(PrintStream out, PrintStream err, boolean ansi) {
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    public boolean ansi() {
        return ansi;
    }

    /** Prints one line of task output (stdout or stderr of the task) above the bar. */
    public synchronized void taskLine(String line, boolean stderr) {
        eraseBar();
        (stderr ? err : out).println(line);
        (stderr ? err : out).flush();
        redraw(lastBar);
    }

    /** Prints a message line (warnings, periodic progress, the summary) on stderr, above the bar. */
    public synchronized void message(String line) {
        eraseBar();
        err.println(line);
        err.flush();
        redraw(lastBar);
    }

    /** Replaces the live bar (terminal only). */
    public synchronized void bar(String[] lines) {
        if (!ansi) return;
        eraseBar();
        redraw(lines);
    }

    /** Removes the live bar for good. */
    public synchronized void clearBar() {
        eraseBar();
        lastBar = new String[0];
    }

    private void eraseBar() {
        if (barLines == 0) return;
        out.flush();
        // Up to the bar's first line, then clear to the end of the screen.
        err.print("\033[" + barLines + "F\033[J");
        barLines = 0;
    }

    private void redraw(String[] lines) {
        lastBar = lines;
        if (!ansi || lines.length == 0) return;
        var sb = new StringBuilder();
        for (String l : lines) sb.append(l).append("\033[K\n");
        err.print(sb);
        err.flush();
        barLines = lines.length;
    }
}
