/**
 * Where tasks come from and how they become command lines: {@link dev.weft.farm.task.TaskSource}
 * (integer ranges in batches, lines of a file or stdin, CSV/TSV rows, in-memory values), read one task
 * at a time by a {@link dev.weft.farm.task.TaskReader} so no source is ever held in memory, and
 * {@link dev.weft.farm.task.Template}, an argument template parsed once against the source's
 * {@link dev.weft.farm.task.Placeholders}.
 */
package dev.weft.farm.task;
