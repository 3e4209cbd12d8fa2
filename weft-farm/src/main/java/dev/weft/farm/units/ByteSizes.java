package dev.weft.farm.units;

import java.util.Locale;

/** Parses byte sizes such as {@code 512M}, {@code 2G}, {@code 1.5GiB}, {@code 4096} (binary multiples). Stateless. */
public final class ByteSizes {
    private ByteSizes() {}

    /** @throws IllegalArgumentException naming {@code what} when the text is not a size */
    public static long parse(String text, String what) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v)) throw new NumberFormatException();
            return Math.round(v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a size (use e.g. 512M, 2G)");
        }
    }

    /** A short human form with a binary unit, e.g. {@code 1.5G}. */
    public static String format(long bytes) {
        String[] units = {"", "K", "M", "G", "T"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }
}
