package dev.weft.tensor.ops;

/** Reductions along axes. */
public enum ReduceOp { SUM, MEAN, MAX, MIN, PROD }
