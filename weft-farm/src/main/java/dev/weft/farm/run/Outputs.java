package dev.weft.farm.run;

import dev.weft.farm.progress.Console;
import dev.weft.farm.task.Task;
import dev.weft.farm.task.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where task output goes: {@code results/INDEX.out} and {@code INDEX.err} files, or live lines on the
 * console prefixed with the task's tag. Immutable; thread-safe.
 */
record Outputs(Path results, boolean stream, Template tag, Console console) {

    Path outFile(long index) {
        return results.resolve(index + ".out");
    }

    Path errFile(long index) {
        return results.resolve(index + ".err");
    }

    /** Copies a process's output stream to the console line by line, tagged; returns at end of stream. */
    void pump(InputStream in, Task task, boolean stderr) {
        String prefix = tag.expand(task);
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) console.taskLine(prefix + line, stderr);
        } catch (IOException e) {
            // The process was killed mid-line; what was read has been shown.
        }
    }

    /** Shows a line (an error the farm hit for this task) as the task's stderr would be shown. */
    void taskMessage(Task task, String message) {
        if (stream) console.taskLine(tag.expand(task) + message, true);
    }
}
