/**
 * Progress reporting: a {@link dev.weft.farm.progress.ProgressBoard} that workers update lock-free,
 * and reporters that render it: a live bar with per-worker lines on a terminal, plain periodic lines
 * elsewhere. Live task output in stream mode goes through the same {@link dev.weft.farm.progress.Console}
 * so it never tears the bar.
 */
package dev.weft.farm.progress;
