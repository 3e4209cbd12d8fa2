package dev.weft.tensor.kernel;

/**
 * A pooling's geometry with what {@link Pool} derives from it before reading any data: the
 * phase-split layout and tap offsets of its vector path and, for average pooling, each output's
 * divisor. Made once per shape by {@link Pool#maxPlan} or {@link Pool#averagePlan}; immutable (its
 * arrays are only read), so one plan serves every call of its shape, on any number of threads.
 *
 * <p>Implementation note: nothing here depends on the data or on {@link VectorSupport#enabled()},
 * which {@link Pool} still checks on every call; the layout is made whenever the 2-d vector path
 * could apply (a few hundred bytes), so that a steady-state pooling allocates nothing.
 */
public final class PoolPlan {
    final ConvGeometry g;
    /** The layout of the phase-split vector path, or null for pools it never takes (3-d, or no vector module). */
    final PhasePlanes phases;
    /** Whether this plan is for average pooling, and its divisor rules (see {@link Pool#averagePool}). */
    final boolean average, includePad;
    final int padEndD, padEndH, padEndW;
    /** An average pooling's divisor per output of a plane (plus vector slack of 1s), when {@link #phases} is set. */
    final float[] counts;
    /** The vector path's body of an average pooling (made here: it captures {@link #counts}), or null. */
    final PhasePlanes.PlaneBody averageBody;

    PoolPlan(ConvGeometry g, boolean average, boolean includePad, int padEndD, int padEndH, int padEndW) {
        this.g = g;
        this.average = average;
        this.includePad = includePad;
        this.padEndD = padEndD;
        this.padEndH = padEndH;
        this.padEndW = padEndW;
        // Without jdk.incubator.vector, VectorPool cannot even be loaded, and no vector path will run.
        this.phases = VectorSupport.modulePresent() && DirectConv.applies(g) ? new PhasePlanes(g, VectorPool.lanes()) : null;
        float[] counts = average && phases != null ? Pool.divisors(g, includePad, padEndH, padEndW) : null;
        this.counts = counts;
        this.averageBody = counts == null ? null
                : (p, s, base, u, out, limit) -> VectorPool.averagePlane(p, p.taps, counts, s, base, out, u * p.g.outPlane(), limit);
    }

    /** The geometry this plan is for. */
    public ConvGeometry geometry() { return g; }

    /** For an average pooling's plan: whether its divisors count padded positions (ONNX's count_include_pad). */
    public boolean countsPadding() { return includePad; }
}
