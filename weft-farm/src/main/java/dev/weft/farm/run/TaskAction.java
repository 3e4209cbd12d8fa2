package dev.weft.farm.run;

import java.util.List;

/** What each task does: run an external command, or call a Java function. Immutable values. */
public sealed interface TaskAction {

    /** A one-line description, part of the journal's fingerprint. */
    String describe();

    /**
     * Run {@code argv} (a template: placeholders filled per task) as a process, directly, or through
     * {@code sh -c} when {@code shell} is set (then the arguments are joined with spaces and every
     * substituted value is shell-quoted). {@code stdinTemplate}, when not null, is filled per task
     * and written to the process's stdin; otherwise stdin is empty.
     */
    record Command(List<String> argv, boolean shell, String stdinTemplate) implements TaskAction {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("missing command: put it after --, e.g. weft farm --range 0..10 -- echo {index}");
            }
        }

        @Override
        public String describe() {
            return (shell ? "sh -c " : "") + String.join(" ", argv) + (stdinTemplate == null ? "" : " <<< " + stdinTemplate);
        }
    }

    /** Call {@code function} in the farm's JVM, on the worker's thread. */
    record Function(TaskFunction function) implements TaskAction {
        @Override
        public String describe() {
            String name = function.getClass().getName();
            int lambda = name.indexOf("$$Lambda");
            return "java " + (lambda < 0 ? name : name.substring(0, lambda));
        }
    }
}
