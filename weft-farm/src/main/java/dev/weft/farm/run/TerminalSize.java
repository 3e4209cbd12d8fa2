package dev.weft.farm.run;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The terminal's columns and lines: {@code $COLUMNS}/{@code $LINES}, else {@code stty size}, else 100x40. */
final class TerminalSize {
    private TerminalSize() {}

    static int[] query() {
        int cols = env("COLUMNS");
        int lines = env("LINES");
        if (cols > 0 && lines > 0) return new int[] {cols, lines};
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] f = s.split("\\s+");
                return new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[0])};
            }
        } catch (Exception e) {
            // not a terminal after all, or no stty: use the defaults
        }
        return new int[] {cols > 0 ? cols : 100, lines > 0 ? lines : 40};
    }

    private static int env(String name) {
        try {
            return Integer.parseInt(System.getenv().getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
