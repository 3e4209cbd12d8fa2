package dev.weft.tensor.ops;

import java.util.function.DoubleUnaryOperator;

/** Elementwise functions of one tensor, with their scalar definition in double precision. */
public enum UnaryOp {
    NEG(x -> -x),
    ABS(Math::abs),
    EXP(Math::exp),
    LOG(Math::log),
    SQRT(Math::sqrt),
    SIGMOID(x -> 1.0 / (1.0 + Math.exp(-x))),
    TANH(Math::tanh),
    RELU(x -> x > 0 ? x : 0.0 * x);

    private final DoubleUnaryOperator fn;

    UnaryOp(DoubleUnaryOperator fn) { this.fn = fn; }

    /** The function on one value. */
    public double apply(double x) { return fn.applyAsDouble(x); }
}
