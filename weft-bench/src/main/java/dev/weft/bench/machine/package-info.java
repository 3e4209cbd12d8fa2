/**
 * JMH benchmarks of the machines on the GoMachine article's graphs: trivial ops, ops with a 50 µs
 * ballast, and a wide graph of ballasted branches; sequential against concurrent.
 */
package dev.weft.bench.machine;
