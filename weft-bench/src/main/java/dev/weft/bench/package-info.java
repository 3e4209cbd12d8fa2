/**
 * Benchmarks of weft against its peers. JMH benchmarks live in sub-packages; each has a main class
 * that runs them and writes a Markdown report.
 */
package dev.weft.bench;
