/** Training-step benchmarks: one forward, backward and optimizer update of the digits MLP. */
package dev.weft.bench.train;
