package dev.weft.tensor.kernel;

/**
 * An elementwise clamp {@code min(max(v, lo), hi)} that a kernel applies as it stores its outputs,
 * so that a following Relu ({@code [0, +inf]}) or Clip (e.g. ReLU6, {@code [0, 6]}) costs no extra pass.
 * NaN stays NaN (the min/max of {@link Math}). Immutable value.
 *
 * @param lo the lower bound, -infinity for none
 * @param hi the upper bound, +infinity for none
 */
public record Clamp(float lo, float hi) {
    /** No clamping. */
    public static final Clamp NONE = new Clamp(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    /** Relu: {@code max(v, 0)}. */
    public static final Clamp RELU = new Clamp(0f, Float.POSITIVE_INFINITY);

    /** @throws IllegalArgumentException if a bound is NaN or {@code lo > hi} */
    public Clamp {
        if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp bounds must be non-NaN with lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** True when this clamp changes nothing (both bounds infinite). */
    public boolean isNone() { return lo == Float.NEGATIVE_INFINITY && hi == Float.POSITIVE_INFINITY; }

    /** The clamped value. */
    public float apply(float v) { return Math.min(Math.max(v, lo), hi); }
}
