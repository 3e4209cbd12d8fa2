package dev.weft.farm.interactive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Asks the original farm tool's questions (command, start index, end index, batch count, workers),
 * re-asking on an invalid answer, and returns the equivalent {@code weft farm} arguments. Reads from
 * any reader so tests can script it; confined to one thread.
 */
public final class Interview {
    private final BufferedReader in;
    private final PrintStream out;

    public Interview(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    /** The questions and answers; null if the user ended input. */
    public List<String> ask() throws IOException {
        out.println("weft farm: interactive mode. Placeholders in the command: {start} {count} {end} {index}.");
        String command = question("Command to run for each batch", null, s -> !s.isBlank(), "give a command");
        if (command == null) return null;
        String start = question("Start index", "0", Interview::isLong, "give an integer");
        if (start == null) return null;
        String end = question("End index (exclusive)", null, s -> isLong(s) && Long.parseLong(s.strip()) > Long.parseLong(start.strip()),
                "give an integer greater than the start index " + start);
        if (end == null) return null;
        String batch = question("Batch count (indices per task)", "1", s -> isLong(s) && Long.parseLong(s.strip()) >= 1, "give an integer of at least 1");
        if (batch == null) return null;
        String workers = question("Workers", Integer.toString(Runtime.getRuntime().availableProcessors()),
                s -> isLong(s) && Long.parseLong(s.strip()) >= 1 && Long.parseLong(s.strip()) <= 100_000, "give an integer of at least 1");
        if (workers == null) return null;
        var args = new ArrayList<String>(List.of("--range", start.strip() + ".." + end.strip(), "--batch", batch.strip(),
                "--workers", workers.strip(), "--shell", "--"));
        args.add(command.strip());
        return args;
    }

    /** The arguments as one line a user can paste into a shell. */
    public static String commandLine(List<String> args) {
        var sb = new StringBuilder("weft farm");
        for (String a : args) sb.append(' ').append(dev.weft.farm.task.Template.shellQuote(a));
        return sb.toString();
    }

    /** Asks a yes/no question; empty means yes. */
    public boolean confirm(String prompt) throws IOException {
        out.print(prompt + " [Y/n] ");
        out.flush();
        String a = in.readLine();
        return a != null && (a.isBlank() || a.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y"));
    }

    private String question(String prompt, String dflt, Predicate<String> valid, String hint) throws IOException {
        while (true) {
            out.print(prompt + (dflt == null ? "" : " [" + dflt + "]") + ": ");
            out.flush();
            String a = in.readLine();
            if (a == null) return null;
            if (a.isBlank() && dflt != null) return dflt;
            if (valid.test(a)) return a;
            out.println("  " + hint + ".");
        }
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
