package dev.weft.farm.run;

import dev.weft.farm.task.Placeholders;
import dev.weft.farm.task.Task;
import java.io.PrintStream;

/**
 * What an in-JVM task gets: its task and the source's placeholder names, the worker slot (1..N) and
 * attempt (from 1) running it, and an output stream that goes where a process's stdout would (the
 * results file, or the live stream with the task's tag). Confined to the one call of {@link TaskFunction#run}.
 */
public record TaskContext(Task task, Placeholders placeholders, int worker, int attempt, PrintStream out) {
    /** The value of a placeholder, e.g. {@code value("start")}, or {@code value("")} for a line. */
    public String value(String placeholder) {
        int slot = placeholders.slotOf(placeholder);
        if (slot < 0) throw new IllegalArgumentException("unknown placeholder {" + placeholder + "}; this source offers " + placeholders.describe());
        return task.value(slot);
    }
}
