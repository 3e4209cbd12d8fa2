package dev.weft.tensor.kernel;

/**
 * A convolution's geometry prepared for {@link Conv}'s plan entry points, made once per shape by
 * {@link Conv#plan} and shared by every call of that shape, on any number of threads at once.
 *
 * <p>Besides the geometry it remembers, per group, the last {@link RowEpilogue} (bias, clamp,
 * dropped padding columns) a GEMM of this convolution was given, so that calls with the same bias
 * array and clamp, a model's steady state, make no new one. Implementation note: that memo is the
 * only thing here that changes; it is a racy cache, as {@code Shape}'s strides are: a slot holds a
 * reference to an immutable record whose fields are final, so a thread that reads it sees either
 * null, an older epilogue or a newer one, each fully built, and uses it only after checking that it
 * is the one it needs. Two threads with different biases only make more epilogues.
 */
public final class ConvPlan {
    /** Groups beyond this many make their epilogue on every call (such convolutions are rare and big). */
    private static final int MEMO_GROUPS = 64;

    final ConvGeometry g;
    private final RowEpilogue[] epilogues;

    ConvPlan(ConvGeometry g) {
        this.g = g;
        this.epilogues = new RowEpilogue[Math.clamp(g.group(), 0, MEMO_GROUPS)];
    }

    /** The geometry this plan is for. */
    public ConvGeometry geometry() { return g; }

    /**
     * The epilogue of group {@code grp}'s GEMM (see {@link RowEpilogue}'s parameters), or null when it
     * would change nothing: the one made last for that group when it is equal, else a new one.
     */
    RowEpilogue epilogue(int grp, float[] bias, int biasOff, Clamp clamp, int pitch, int width) {
        Clamp c = clamp == null ? Clamp.NONE : clamp;
        if (pitch == 0 && bias == null && c.isNone()) return null;
        RowEpilogue last = grp < epilogues.length ? epilogues[grp] : null;
        if (last != null && last.bias() == bias && last.biasOff() == biasOff && last.clamp().equals(c)
                && last.pitch() == pitch && last.width() == width) {
            return last;
        }
        RowEpilogue e = new RowEpilogue(bias, biasOff, c, pitch, width);
        if (grp < epilogues.length) epilogues[grp] = e;
        return e;
    }
}
