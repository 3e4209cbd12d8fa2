/**
 * Two builds of weft side by side in one JVM: each {@code weft.jar} gets a class loader of its own,
 * and their machines run the same models alternately, so that the load of a shared computer falls
 * on both alike. How this project measures what a change gains when that is smaller than the
 * machine's swings from one run to the next.
 */
package dev.weft.bench.builds;
