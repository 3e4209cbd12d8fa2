package dev.weft.tensor.ops;

/** Elementwise comparisons; each yields a bool tensor. Any comparison with NaN is false except {@link #NOT_EQUAL}. */
public enum CompareOp {
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

    /** The comparison on doubles (IEEE: NaN compares false). */
    public boolean test(double a, double b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_OR_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_OR_EQUAL -> a >= b;
        };
    }

    /** The comparison on signed longs, or on unsigned ones when {@code unsigned}. */
    public boolean test(long a, long b, boolean unsigned) {
        int c = unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
        return switch (this) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case LESS -> c < 0;
            case LESS_OR_EQUAL -> c <= 0;
            case GREATER -> c > 0;
            case GREATER_OR_EQUAL -> c >= 0;
        };
    }
}
