package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link Pool} for 1-d and 2-d max and average pooling without indices.
 * The plane is split into phase rows ({@link PhaseRows}, filled with -infinity for max and 0 for
 * average), then each run of L outputs is reduced over all taps in a register, in the scalar loop's
 * (kh, kw) order, and stored once (a row's last vector overlaps the one before it).
 *
 * <p>Max keeps a lane only when the new value is strictly greater, exactly as the scalar
 * {@code if (v > y) y = v}: NaN never wins (it is skipped, as ONNX Runtime does) and padding (-infinity)
 * never changes anything. Average adds padding as +0, which leaves every sum bit-identical to the scalar
 * one (a sum started at +0 is never -0), then divides by the same tap count. Loaded only when
 * {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector NEG_INF = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    private static final FloatVector ZERO = FloatVector.zero(S);

    private VectorPool() {}

    static int lanes() { return L; }

    static void maxPlane(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] x, int xBase, float[] y, int yBase) {
        VectorPhaseRows.split(rows, x, xBase, Float.NEGATIVE_INFINITY, s);
        if (g.kH() == 3 && g.kW() == 3) maxThree(g, rows, tap, s, y, yBase);
        else maxGeneral(g, rows, tap, s, y, yBase);
    }

    private static FloatVector max(FloatVector acc, float[] s, int off) {
        FloatVector v = FloatVector.fromArray(S, s, off);
        return acc.blend(v, v.compare(VectorOperators.GT, acc));
    }

    private static void maxThree(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] y, int yBase) {
        int outH = g.outH(), outW = g.outW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        int t0 = tap[0], t1 = tap[1], t2 = tap[2];
        // Rows of at least L outputs end with a whole vector overlapping the one before (outputs do
        // not depend on where a vector starts); narrower rows go through the scratch buffer.
        boolean narrow = outW < L;
        int last = outW - L, tmp = rows.tmpOff;
        for (int oh = 0; oh < outH; oh++) {
            int ih = oh * sH - pH;
            int r0 = rows.rowBase(ih), r1 = rows.rowBase(ih + dH), r2 = rows.rowBase(ih + 2 * dH);
            int yr = yBase + oh * outW;
            for (int ow0 = 0; ow0 < outW; ow0 += L) {
                int ow = narrow ? 0 : Math.min(ow0, last);
                FloatVector acc = max(NEG_INF, s, r0 + t0 + ow);
                acc = max(acc, s, r0 + t1 + ow);
                acc = max(acc, s, r0 + t2 + ow);
                acc = max(acc, s, r1 + t0 + ow);
                acc = max(acc, s, r1 + t1 + ow);
                acc = max(acc, s, r1 + t2 + ow);
                acc = max(acc, s, r2 + t0 + ow);
                acc = max(acc, s, r2 + t1 + ow);
                acc = max(acc, s, r2 + t2 + ow);
                store(acc, y, yr + ow, narrow, s, tmp, outW);
            }
        }
    }

    private static void maxGeneral(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] y, int yBase) {
        int outH = g.outH(), outW = g.outW(), kH = g.kH(), kW = g.kW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        // Rows of at least L outputs end with a whole vector overlapping the one before (outputs do
        // not depend on where a vector starts); narrower rows go through the scratch buffer.
        boolean narrow = outW < L;
        int last = outW - L, tmp = rows.tmpOff;
        for (int oh = 0; oh < outH; oh++) {
            int ih0 = oh * sH - pH, yr = yBase + oh * outW;
            for (int ow0 = 0; ow0 < outW; ow0 += L) {
                int ow = narrow ? 0 : Math.min(ow0, last);
                FloatVector acc = NEG_INF;
                for (int kh = 0; kh < kH; kh++) {
                    int base = rows.rowBase(ih0 + kh * dH) + ow;
                    for (int kw = 0; kw < kW; kw++) acc = max(acc, s, base + tap[kw]);
                }
                store(acc, y, yr + ow, narrow, s, tmp, outW);
            }
        }
    }

    /**
     * Average pooling of one plane; {@code rowCount[oh]} and {@code colCount[ow]} are the tap counts
     * along each axis ({@code colCount} padded to a whole number of vectors).
     */
    static void averagePlane(ConvGeometry g, PhaseRows rows, int[] tap, float[] rowCount, float[] colCount,
                             float[] s, float[] x, int xBase, float[] y, int yBase) {
        VectorPhaseRows.split(rows, x, xBase, 0f, s);
        int outH = g.outH(), outW = g.outW(), kH = g.kH(), kW = g.kW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        // Rows of at least L outputs end with a whole vector overlapping the one before (outputs do
        // not depend on where a vector starts); narrower rows go through the scratch buffer.
        boolean narrow = outW < L;
        int last = outW - L, tmp = rows.tmpOff;
        for (int oh = 0; oh < outH; oh++) {
            int ih0 = oh * sH - pH, yr = yBase + oh * outW;
            float ch = rowCount[oh];
            for (int ow0 = 0; ow0 < outW; ow0 += L) {
                int ow = narrow ? 0 : Math.min(ow0, last);
                FloatVector acc = ZERO;
                for (int kh = 0; kh < kH; kh++) {
                    int base = rows.rowBase(ih0 + kh * dH) + ow;
                    for (int kw = 0; kw < kW; kw++) acc = acc.add(FloatVector.fromArray(S, s, base + tap[kw]));
                }
                acc = acc.div(FloatVector.fromArray(S, colCount, ow).mul(ch));
                store(acc, y, yr + ow, narrow, s, tmp, outW);
            }
        }
    }

    /** Stores a run of outputs: the whole vector, or its first {@code outW} lanes through {@code s[tmp..]} when narrow. */
    private static void store(FloatVector acc, float[] y, int at, boolean narrow, float[] s, int tmp, int outW) {
        if (narrow) {
            acc.intoArray(s, tmp);
            System.arraycopy(s, tmp, y, at, outW);
        } else {
            acc.intoArray(y, at);
        }
    }
}
