package dev.weft.farm.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A text with placeholders, parsed once against a source's {@link Placeholders} so that an unknown
 * placeholder fails at startup, by name, before any task runs. Immutable and thread-safe.
 *
 * <p>Syntax: {@code {name}} where name is letters, digits, {@code _ . -} (or empty: {@code {}});
 * {@code {{} and {@code }}} are literal braces. Braces around anything else ({@code awk '{print $1}'})
 * and shell-style {@code ${VAR}} are left as they are.
 */
public final class Template {
    private final String text;
    /** Literal strings and Integer slots, in order. */
    private final Object[] parts;

    private Template(String text, Object[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses {@code text}.
     *
     * @param where what the text is, for the error message (e.g. "argument 2 of the command")
     * @throws IllegalArgumentException naming the unknown placeholder and listing the known ones
     */
    public static Template parse(String text, Placeholders placeholders, String where) {
        var parts = new ArrayList<Object>();
        var lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{' && (i == 0 || text.charAt(i - 1) != '$')) {
                int close = text.indexOf('}', i + 1);
                String name = close < 0 ? null : text.substring(i + 1, close);
                if (name != null && (name.isEmpty() || isName(name))) {
                    int slot = placeholders.slotOf(name);
                    if (slot < 0) {
                        throw new IllegalArgumentException("unknown placeholder {" + name + "} in " + where
                                + "; this task source offers " + placeholders.describe());
                    }
                    if (!lit.isEmpty()) parts.add(lit.toString());
                    lit.setLength(0);
                    parts.add(slot);
                    i = close + 1;
                } else {
                    lit.append(c);
                    i++;
                }
            } else {
                lit.append(c);
                i++;
            }
        }
        if (!lit.isEmpty()) parts.add(lit.toString());
        return new Template(text, parts.toArray());
    }

    /** Parses every argument of an argv template. */
    public static List<Template> parseAll(List<String> argv, Placeholders placeholders) {
        var out = new ArrayList<Template>(argv.size());
        for (int i = 0; i < argv.size(); i++) {
            String where = i == 0 ? "the command" : "argument " + i + " of the command ('" + argv.get(i) + "')";
            out.add(parse(argv.get(i), placeholders, where));
        }
        return List.copyOf(out);
    }

    /** Whether {@code s} is a valid placeholder name. */
    public static boolean isName(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || (i > 0 && (c == '.' || c == '-'));
            if (!ok) return false;
        }
        return true;
    }

    /** The text with this task's values filled in. */
    public String expand(Task task) {
        return expand(task, UnaryOperator.identity());
    }

    /** The text with this task's values filled in, each passed through {@code quote} (e.g. shell quoting). */
    public String expand(Task task, UnaryOperator<String> quote) {
        if (parts.length == 1 && parts[0] instanceof String s) return s;
        var sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) sb.append(s);
            else sb.append(quote.apply(task.value((Integer) p)));
        }
        return sb.toString();
    }

    /** Whether the text uses any placeholder. */
    public boolean hasPlaceholders() {
        for (Object p : parts) if (p instanceof Integer) return true;
        return false;
    }

    /** Quotes {@code s} for a POSIX shell, so a value substituted in {@code --shell} mode stays one word. */
    public static String shellQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "_-./=:,+@%".indexOf(c) >= 0)) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return text;
    }
}
