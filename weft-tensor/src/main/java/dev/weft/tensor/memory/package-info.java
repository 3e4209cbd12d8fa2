/**
 * Memory reuse across runs: a {@link dev.weft.tensor.memory.BufferPool} that machines bind for the
 * duration of a run, so that {@link dev.weft.tensor.Tensor#zeros} takes a freed array of the right
 * kind and length instead of allocating, and machines give arrays back once the last value that
 * uses them has been read. In steady state a model's activations then live in the same arrays run
 * after run.
 */
package dev.weft.tensor.memory;
