/**
 * Ready-made graphs from the GoMachine article, shared by {@code weft demo}, the tests and the
 * benchmarks so that all three measure the same thing.
 */
package dev.weft.graph.examples;
