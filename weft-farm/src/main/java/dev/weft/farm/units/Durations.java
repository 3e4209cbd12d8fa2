package dev.weft.farm.units;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints durations such as {@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}; a bare number means seconds. Stateless. */
public final class Durations {
    private Durations() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a non-negative duration
     */
    public static Duration parse(String text, String what) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) split++;
        if (split == 0) throw bad(text, what);
        double value;
        try {
            value = Double.parseDouble(t.substring(0, split));
        } catch (NumberFormatException e) {
            throw bad(text, what);
        }
        double millis = switch (t.substring(split)) {
            case "ms" -> value;
            case "", "s" -> value * 1_000;
            case "m", "min" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> throw bad(text, what);
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException(what + ": '" + text + "' is not a duration (use e.g. 500ms, 10s, 5m, 2h)");
    }

    /** A short human form: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) return ms + "ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        long s = ms / 1000;
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
