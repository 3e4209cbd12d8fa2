package dev.weft.farm.run;

import dev.weft.farm.progress.Console;
import dev.weft.farm.task.Task;
import dev.weft.farm.task.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where task output goes: {@code results/INDEX.out} and {@code INDEX.err} files, or live lines on the
 * console prefixed with the task's tag. Immutable; thread-safe.
 *
 * <p>With files, the producer {@link #prepare creates} a task's two files when it queues the task, one
 * after the other on its single thread, so the workers only open existing files when they start the
 * process. Creating a file is a journaled change to the folder, and dozens of workers creating files
 * in one folder at once wait on each other (on a busy disk this cost more than the process start);
 * files prepared for tasks that a stop leaves unstarted are {@link #discard discarded}.
 *
 * @param noFiles true when no files are prepared (streamed output, or Java tasks, which open their own)
 */
record Outputs(Path results, boolean noFiles, boolean stream, Template tag, Console console) {

    /** Creates the task's empty output files ahead of its start (no-op without files). */
    void prepare(Task task) {
        if (noFiles) return;
        try {
            Files.newOutputStream(outFile(task.index())).close();
            Files.newOutputStream(errFile(task.index())).close();
        } catch (IOException e) {
            // The worker's own open will fail with the same problem and report it for the task.
        }
    }

    /** Removes files prepared for a task that never started. */
    void discard(Task task) {
        if (noFiles) return;
        try {
            Files.deleteIfExists(outFile(task.index()));
            Files.deleteIfExists(errFile(task.index()));
        } catch (IOException ignored) {
            // an empty file left behind is harmless
        }
    }

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
