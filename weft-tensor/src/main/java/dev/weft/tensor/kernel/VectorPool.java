package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API planes of {@link Pool} for 1-d and 2-d max and average pooling without indices.
 * The plane is split into phase rows ({@link PhaseRows}, filled with -infinity for max and 0 for
 * average), then each run of L outputs is reduced over all taps in a register, in the scalar loop's
 * (kh, kw) order, and stored once (masked at the end of a row).
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
        int full = S.loopBound(outW);
        VectorMask<Float> tail = S.indexInRange(full, outW);
        for (int oh = 0; oh < outH; oh++) {
            int ih = oh * sH - pH;
            int r0 = rows.rowBase(ih), r1 = rows.rowBase(ih + dH), r2 = rows.rowBase(ih + 2 * dH);
            int yr = yBase + oh * outW;
            for (int ow = 0; ow < outW; ow += L) {
                FloatVector acc = max(NEG_INF, s, r0 + t0 + ow);
                acc = max(acc, s, r0 + t1 + ow);
                acc = max(acc, s, r0 + t2 + ow);
                acc = max(acc, s, r1 + t0 + ow);
                acc = max(acc, s, r1 + t1 + ow);
                acc = max(acc, s, r1 + t2 + ow);
                acc = max(acc, s, r2 + t0 + ow);
                acc = max(acc, s, r2 + t1 + ow);
                acc = max(acc, s, r2 + t2 + ow);
                if (ow < full) acc.intoArray(y, yr + ow);
                else acc.intoArray(y, yr + ow, tail);
            }
        }
    }

    private static void maxGeneral(ConvGeometry g, PhaseRows rows, int[] tap, float[] s, float[] y, int yBase) {
        int outH = g.outH(), outW = g.outW(), kH = g.kH(), kW = g.kW(), sH = g.sH(), pH = g.pH(), dH = g.dH();
        int full = S.loopBound(outW);
        VectorMask<Float> tail = S.indexInRange(full, outW);
        for (int oh = 0; oh < outH; oh++) {
            int ih0 = oh * sH - pH, yr = yBase + oh * outW;
            for (int ow = 0; ow < outW; ow += L) {
                FloatVector acc = NEG_INF;
                for (int kh = 0; kh < kH; kh++) {
                    int base = rows.rowBase(ih0 + kh * dH) + ow;
                    for (int kw = 0; kw < kW; kw++) acc = max(acc, s, base + tap[kw]);
                }
                if (ow < full) acc.intoArray(y, yr + ow);
                else acc.intoArray(y, yr + ow, tail);
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
        int full = S.loopBound(outW);
        VectorMask<Float> tail = S.indexInRange(full, outW);
        for (int oh = 0; oh < outH; oh++) {
            int ih0 = oh * sH - pH, yr = yBase + oh * outW;
            float ch = rowCount[oh];
            for (int ow = 0; ow < outW; ow += L) {
                FloatVector acc = ZERO;
                for (int kh = 0; kh < kH; kh++) {
                    int base = rows.rowBase(ih0 + kh * dH) + ow;
                    for (int kw = 0; kw < kW; kw++) acc = acc.add(FloatVector.fromArray(S, s, base + tap[kw]));
                }
                acc = acc.div(FloatVector.fromArray(S, colCount, ow).mul(ch));
                if (ow < full) acc.intoArray(y, yr + ow);
                else acc.intoArray(y, yr + ow, tail);
            }
        }
    }
}
