package dev.weft.farm.run;

import dev.weft.farm.journal.JournalRecord.Status;

/**
 * How one attempt of a task ended. {@code exitCode} is the process's (128+signal when killed), 0/1 for
 * Java functions, 127 when the command could not start; {@code detail} says why in words (the start
 * error or exception message), or is null. Immutable.
 */
public record Outcome(long index, int attempt, int worker, Status status, int exitCode,
                      long startMillis, long durationMillis, String detail) {}
