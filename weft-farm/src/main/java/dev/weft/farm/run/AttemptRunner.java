package dev.weft.farm.run;

import dev.weft.farm.task.Task;

/** Runs one attempt of a task on a worker slot and says how it ended. Implementations are thread-safe. */
sealed interface AttemptRunner permits ProcessRunner, FunctionRunner {
    Outcome run(Task task, int worker, int attempt);
}
