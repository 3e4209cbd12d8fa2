package dev.weft.tensor.kernel;

/**
 * An elementwise clamp to {@code [lo, hi]} (see {@link #apply}) that a kernel applies as it stores
 * its outputs, so that a following Relu ({@code [0, +inf]}) or Clip (e.g. ReLU6, {@code [0, 6]})
 * costs no extra pass. NaN stays NaN. Immutable value.
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

    /**
     * The clamped value: {@code hi} if {@code v >= hi}, else {@code lo} if {@code v <= lo}, else {@code v}.
     * This is {@code min(max(v, lo), hi)} except for a zero against a zero bound of the other sign
     * (it gives the bound; ReLU's +0 bound then gives +0 for -0, as {@code Math.max} does). Vector
     * kernels apply it as two compares and two blends, the same value bit for bit: the Vector API's
     * {@code max} and {@code min} follow {@link Math}'s rules for NaN and signed zeros, which take
     * six instructions each on x86 and made the clamp cost as much as a 3×3 depthwise window.
     */
    public float apply(float v) { return v >= hi ? hi : v <= lo ? lo : v; }
}
