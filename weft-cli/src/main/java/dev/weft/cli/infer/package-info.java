/**
 * Batch inference on the job farm: one in-JVM farm task per input file, so a folder of inputs gets
 * the farm's workers, journal, retries and resume. Each worker slot owns one machine, because a
 * machine runs one input at a time.
 */
package dev.weft.cli.infer;
