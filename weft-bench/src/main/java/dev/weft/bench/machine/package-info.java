/**
 * JMH benchmarks of the machines on the GoMachine article's graphs: trivial ops, ops with a 50 µs
 * ballast, and a wide graph of ballasted branches; sequential against concurrent. A control runs
 * the wide graph's ballasts alone on virtual threads, and every benchmark prints how long its
 * threads waited for a core per run: on a shared computer the wide graph's overlap needs a second
 * core that another process may hold, and these show when it did.
 */
package dev.weft.bench.machine;
