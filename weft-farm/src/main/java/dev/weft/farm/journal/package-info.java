/**
 * The farm's append-only journal: one tab-separated line per event (a task attempt started, a task
 * attempt finished), written so that a crash of the farm loses nothing already appended and a torn
 * last line is ignored, and replayed by {@code --resume} to skip the tasks already done.
 */
package dev.weft.farm.journal;
