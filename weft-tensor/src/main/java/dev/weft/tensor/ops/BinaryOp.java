package dev.weft.tensor.ops;

import java.util.function.DoubleBinaryOperator;

/** Elementwise functions of two broadcast tensors, with their scalar definition in double precision. */
public enum BinaryOp {
    ADD(Double::sum),
    SUB((a, b) -> a - b),
    MUL((a, b) -> a * b),
    DIV((a, b) -> a / b),
    POW(Math::pow),
    MAX(Math::max),
    MIN(Math::min);

    private final DoubleBinaryOperator fn;

    BinaryOp(DoubleBinaryOperator fn) { this.fn = fn; }

    /** The function on one pair of values. */
    public double apply(double a, double b) { return fn.applyAsDouble(a, b); }
}
