package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link Pool} for 1-d and 2-d max and average pooling without indices.
 * The plane is split into {@link PhasePlanes} (filled with -infinity for max and 0 for average), then
 * each run of L outputs is reduced over all taps in registers and stored once, placed as in
 * {@code VectorDepthwise} (overlapping last vector, or a spilling store for narrow rows).
 *
 * <p>Max keeps a lane only when the new value is strictly greater, as the scalar {@code if (v > y) y = v}:
 * NaN never wins (it is skipped, as ONNX Runtime does) and padding (-infinity) never changes anything.
 * Each kernel row is reduced in its own chain and the chains are merged in row order with the same
 * rule; since the rule keeps the first of equal values, that picks the same element (signed zeros
 * included) as the scalar loop's single pass. Average adds the taps in the scalar loop's (kh, kw) order
 * and padding as +0, which leaves every sum bit-identical (a sum started at +0 is never -0), then
 * divides by the same tap count. Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorPool() {}

    static int lanes() { return L; }

    /**
     * One plane of max pooling, split (with -infinity) into the layout at {@code s[base..]};
     * {@code y} may be written (later overwritten) up to {@code yLimit}.
     */
    static void maxPlane(ConvGeometry g, PhasePlanes p, int[] tap, float[] s, int base, float[] y, int yBase, int yLimit) {
        if (g.kH() == 3 && g.kW() == 3) maxThree(p, tap, s, base, y, yBase, yLimit);
        else maxGeneral(p, g.kH(), g.kW(), tap, s, base, y, yBase, yLimit);
    }

    /** {@code acc} with each lane replaced by v's where v is strictly greater. */
    private static FloatVector max(FloatVector acc, FloatVector v) {
        return acc.blend(v, v.compare(VectorOperators.GT, acc));
    }

    private static FloatVector load(float[] s, int off) { return FloatVector.fromArray(S, s, off); }

    private static void maxThree(PhasePlanes p, int[] tap, float[] s, int base, float[] y, int yBase, int yLimit) {
        int t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7], t8 = tap[8];
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int outW = p.outW, last = Math.max(0, outW - L);
        for (int oh = 0; oh < p.outH; oh++) {
            int fRow = base + oh * p.rowStride, yr = yBase + oh * outW;
            for (int c0 = 0; c0 < outW; c0 += L) {
                int c = Math.min(c0, last), f = fRow + c;
                FloatVector a0 = max(max(max(none, load(s, f + t0)), load(s, f + t1)), load(s, f + t2));
                FloatVector a1 = max(max(max(none, load(s, f + t3)), load(s, f + t4)), load(s, f + t5));
                FloatVector a2 = max(max(max(none, load(s, f + t6)), load(s, f + t7)), load(s, f + t8));
                VectorDepthwise.store(max(max(a0, a1), a2), y, yr + c, yLimit, s, base + p.tmpOff, outW);
            }
        }
    }

    /**
     * Any window: the running maxima live in a scratch array between taps, not in registers. A loop
     * that carries vectors from one iteration to the next makes C2 fall back to the Vector API's
     * Java code (allocating, a hundred times slower); loads and stores of L1 lines are cheap.
     */
    private static void maxGeneral(PhasePlanes p, int kH, int kW, int[] tap, float[] s, int base, float[] y, int yBase, int yLimit) {
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int outW = p.outW, last = Math.max(0, outW - L);
        float[] buf = FloatScratch.take(2 * L); // [0, L): this kernel row's chain; [L, 2L): all rows so far
        try {
            for (int oh = 0; oh < p.outH; oh++) {
                int fRow = base + oh * p.rowStride, yr = yBase + oh * outW;
                for (int c0 = 0; c0 < outW; c0 += L) {
                    int c = Math.min(c0, last), f = fRow + c;
                    for (int kh = 0, t = 0; kh < kH; kh++) {
                        none.intoArray(buf, 0); // not the first tap: a NaN there would never be replaced
                        for (int kw = 0; kw < kW; kw++) max(load(buf, 0), load(s, f + tap[t++])).intoArray(buf, 0);
                        if (kh == 0) load(buf, 0).intoArray(buf, L);
                        else max(load(buf, L), load(buf, 0)).intoArray(buf, L);
                    }
                    VectorDepthwise.store(load(buf, L), y, yr + c, yLimit, s, base + p.tmpOff, outW);
                }
            }
        } finally {
            FloatScratch.give(buf);
        }
    }

    /**
     * Average pooling of one plane, split (with 0) into the layout at {@code s[base..]};
     * {@code count[oh*outW + ow]} is the divisor of output (oh, ow) ({@code count} is L floats longer than the plane).
     */
    static void averagePlane(PhasePlanes p, int[] tap, float[] count, float[] s, int base, float[] y, int yBase, int yLimit) {
        int outW = p.outW, last = Math.max(0, outW - L);
        FloatVector zero = FloatVector.zero(S);
        float[] buf = FloatScratch.take(L); // the running sum, kept in memory between taps (see maxGeneral)
        try {
            for (int oh = 0; oh < p.outH; oh++) {
                int fRow = base + oh * p.rowStride, yr = yBase + oh * outW;
                for (int c0 = 0; c0 < outW; c0 += L) {
                    int c = Math.min(c0, last), f = fRow + c;
                    zero.intoArray(buf, 0);
                    for (int t = 0; t < tap.length; t++) load(buf, 0).add(load(s, f + tap[t])).intoArray(buf, 0);
                    FloatVector avg = load(buf, 0).div(FloatVector.fromArray(S, count, oh * outW + c));
                    VectorDepthwise.store(avg, y, yr + c, yLimit, s, base + p.tmpOff, outW);
                }
            }
        } finally {
            FloatScratch.give(buf);
        }
    }

    /**
     * Sum of {@code x[from, from + len)}: L float lanes, then the lanes and the tail added in double.
     * For GlobalAveragePool, where a plane of 49 to 169 values summed one double at a time ran 3 to 4
     * times slower than ONNX Runtime in {@code weft bench --profile}.
     */
    static double sum(float[] x, int from, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - L; i += L) acc = acc.add(FloatVector.fromArray(S, x, from + i));
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) s += x[from + i];
        return s;
    }
}
