/**
 * Vector API ({@code jdk.incubator.vector}) kernels over raw float arrays. Every class here
 * references the incubator module, so nothing outside this package may load one before
 * {@link dev.weft.tensor.kernel.VectorSupport#enabled()} returned true; the callers in
 * {@code dev.weft.tensor.ops} keep a scalar path that gives the same results.
 */
package dev.weft.tensor.ops.simd;

import dev.weft.tensor.kernel.VectorSupport;
