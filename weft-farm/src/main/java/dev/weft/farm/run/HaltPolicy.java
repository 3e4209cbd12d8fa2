package dev.weft.farm.run;

import java.util.Locale;

/**
 * When failures stop the farm. {@code never}; or {@code WHEN,fail=N} / {@code WHEN,fail=P%} where WHEN is
 * {@code now} (stop dispatching and kill the running tasks) or {@code soon} (stop dispatching and let the
 * running tasks finish). A count triggers when N tasks have failed (after their retries); a percentage
 * when at least P% of the finished tasks failed, checked once at least 10 tasks have finished. Immutable.
 */
public record HaltPolicy(When when, long count, double percent) {
    /** What halting does. */
    public enum When { NEVER, NOW, SOON }

    /** Finished tasks needed before a percentage is judged, so one early failure is not 100%. */
    public static final int PERCENT_MIN_FINISHED = 10;

    public static final HaltPolicy NEVER = new HaltPolicy(When.NEVER, 0, 0);

    public static HaltPolicy parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("never")) return NEVER;
        String[] parts = t.split(",", 2);
        When when = switch (parts[0]) {
            case "now" -> When.NOW;
            case "soon" -> When.SOON;
            default -> throw bad(text);
        };
        if (parts.length == 1) return new HaltPolicy(when, 1, 0);
        if (!parts[1].startsWith("fail=")) throw bad(text);
        String v = parts[1].substring(5);
        try {
            if (v.endsWith("%")) {
                double p = Double.parseDouble(v.substring(0, v.length() - 1));
                if (p <= 0 || p > 100) throw bad(text);
                return new HaltPolicy(when, 0, p);
            }
            long n = Long.parseLong(v);
            if (n < 1) throw bad(text);
            return new HaltPolicy(when, n, 0);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("--halt: '" + text + "' is not a halt rule; use never, now,fail=1, soon,fail=5 or now,fail=10%");
    }

    /** Whether {@code failed} failures among {@code finished} finished tasks trigger the halt. */
    public boolean triggered(long failed, long finished) {
        if (when == When.NEVER || failed == 0) return false;
        if (percent > 0) return finished >= PERCENT_MIN_FINISHED && failed * 100.0 >= percent * finished;
        return failed >= count;
    }

    @Override
    public String toString() {
        if (when == When.NEVER) return "never";
        return when.name().toLowerCase(Locale.ROOT) + ",fail=" + (percent > 0 ? percent + "%" : Long.toString(count));
    }
}
