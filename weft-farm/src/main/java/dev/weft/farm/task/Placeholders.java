package dev.weft.farm.task;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The placeholder names a source offers, in slot order ({@code {}} is the name {@code ""}). Immutable.
 */
public record Placeholders(List<String> names) {
    public Placeholders {
        names = List.copyOf(names);
    }

    public static Placeholders of(String... names) {
        return new Placeholders(List.of(names));
    }

    /** The slot of {@code name}, or -1 when the source has no such placeholder. */
    public int slotOf(String name) {
        return names.indexOf(name);
    }

    /** The names as a user writes them, e.g. {@code {index} {start}}. */
    public String describe() {
        return names.stream().map(n -> "{" + n + "}").collect(Collectors.joining(" "));
    }
}
