/**
 * The graph's built-in ops, one small record per op family: elementwise {@link dev.weft.graph.ops.Unary}
 * and {@link dev.weft.graph.ops.Binary} maps, {@link dev.weft.graph.ops.MatMulOp},
 * {@link dev.weft.graph.ops.Reduce}, and the {@link dev.weft.graph.ops.Ballast} op used to study
 * scheduling. Each states its type rule and delegates the arithmetic to {@code dev.weft.tensor.ops}.
 */
package dev.weft.graph.ops;
