package dev.weft.tensor.ops;

/**
 * Reductions along axes, as the ONNX Reduce* operators define them. Over an empty set, SUM,
 * L1, L2 and SUM_SQUARE give 0, PROD 1, MEAN NaN, MAX the dtype's lowest value (-inf for floats),
 * MIN its highest, LOG_SUM and LOG_SUM_EXP -inf.
 */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, PROD,
    /** Sum of absolute values. */
    L1,
    /** Square root of the sum of squares. */
    L2,
    /** log of the sum. */
    LOG_SUM,
    /** log of the sum of exponentials, computed stably. */
    LOG_SUM_EXP,
    /** Sum of squares. */
    SUM_SQUARE
}
