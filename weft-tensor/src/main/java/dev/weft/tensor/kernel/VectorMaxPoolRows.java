package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-d 3×3 max pooling with horizontal stride 1 or 2 and no dilation, read straight from the input rows:
 * no {@link PhasePlanes} copy. For small planes (SqueezeNet's 27×27) the copy cost ten times the
 * reduction. A run of L outputs of one output row reads, per kernel row, the L input floats of each
 * tap: with stride 1 three loads; with stride 2 four loads and the even and odd lanes of their
 * concatenations ({@code selectFrom}). Outputs whose window leaves the input (padding, ceil mode) are
 * computed one by one, and a vector's lanes past the row are never stored (a lane-masked store).
 *
 * <p>Same rule as the scalar loop of {@link Pool}: a lane takes a value only when it is strictly
 * greater, so NaN is skipped, padding changes nothing, and equal values keep the first in (kh, kw)
 * order; each kernel row is its own chain, merged in row order, which picks the same element.
 * Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorMaxPoolRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector EVEN = VectorPhasePlanes.EVEN, ODD = VectorPhasePlanes.ODD;

    private VectorMaxPoolRows() {}

    /** True for the problems this class runs: 2-d 3×3 windows, no dilation, horizontal stride 1 or 2. */
    static boolean applies(ConvGeometry g) {
        return g.inD() == 1 && g.kD() == 1 && g.outD() == 1 && g.pD() == 0 && g.kH() == 3 && g.kW() == 3
                && g.dH() == 1 && g.dW() == 1 && (g.sW() == 1 || g.sW() == 2);
    }

    /** One plane: {@code y[yBase..]} (outH × outW) from {@code x[xBase..]} (inH × inW). */
    static void plane(ConvGeometry g, float[] x, int xBase, float[] y, int yBase) {
        int inH = g.inH(), inW = g.inW(), outH = g.outH(), outW = g.outW();
        int kH = g.kH(), kW = g.kW(), sH = g.sH(), sW = g.sW(), pH = g.pH(), pW = g.pW();
        // Outputs [lo, hi) have every tap inside the row.
        int lo = Math.min(outW, (pW + sW - 1) / sW);
        int hi = Math.max(lo, Math.min(outW, Math.floorDiv(inW - kW + pW, sW) + 1));
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int oh = 0; oh < outH; oh++) {
            int h0 = oh * sH - pH, kh0 = Math.max(0, -h0), kh1 = Math.min(kH, inH - h0);
            int yr = yBase + oh * outW;
            for (int ow = 0; ow < lo; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            for (int ow = hi; ow < outW; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            for (int c = lo; c < hi; c += L) {
                int n = Math.min(L, hi - c);
                int first = xBase + c * sW - pW; // tap (·, 0) of lane 0, relative to a row start
                if (kh0 != 0 || kh1 != 3 || first + (h0 + 2) * inW + 2 + sW * L > x.length || yr + c + L > y.length) {
                    for (int ow = c; ow < c + n; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
                    continue;
                }
                int r0 = first + h0 * inW;
                // The first n lanes, the whole vector being inside y (checked above), so intrinsic. One
                // store per branch and no vector handed to a helper: a vector merged by a branch, or
                // passed to a method C2 does not inline, is boxed (this method then allocated 22 MB/s).
                VectorMask<Float> lanes = VectorMask.fromLong(S, (1L << n) - 1);
                if (sW == 1) rows1(x, r0, inW, none).intoArray(y, yr + c, lanes);
                else rows2(x, r0, inW, none).intoArray(y, yr + c, lanes);
            }
        }
    }

    /** Output (oh, ow) the scalar way: taps of rows [kh0, kh1) inside the row, strictly greater wins. */
    private static float scalar(ConvGeometry g, float[] x, int xBase, int h0, int kh0, int kh1, int ow) {
        float m = Float.NEGATIVE_INFINITY;
        int w0 = ow * g.sW() - g.pW();
        for (int kh = kh0; kh < kh1; kh++) {
            int row = xBase + (h0 + kh) * g.inW();
            for (int kw = Math.max(0, -w0); kw < g.kW() && w0 + kw < g.inW(); kw++) {
                float v = x[row + w0 + kw];
                if (v > m) m = v;
            }
        }
        return m;
    }

    // Written out tap by tap: C2 keeps vectors in registers only when no loop carries them, and
    // otherwise falls back to the Vector API's Java code (hundreds of times slower).

    /** Three rows from {@code r0} (stride {@code inW}), three taps each, stride 1. */
    private static FloatVector rows1(float[] x, int r0, int inW, FloatVector none) {
        int r1 = r0 + inW, r2 = r1 + inW;
        FloatVector p0 = gt(gt(gt(none, load(x, r0)), load(x, r0 + 1)), load(x, r0 + 2));
        FloatVector p1 = gt(gt(gt(none, load(x, r1)), load(x, r1 + 1)), load(x, r1 + 2));
        FloatVector p2 = gt(gt(gt(none, load(x, r2)), load(x, r2 + 1)), load(x, r2 + 2));
        return gt(gt(p0, p1), p2);
    }

    /** Three rows from {@code r0} (stride {@code inW}), three taps each, stride 2. */
    private static FloatVector rows2(float[] x, int r0, int inW, FloatVector none) {
        int r1 = r0 + inW, r2 = r1 + inW;
        return gt(gt(row2(x, r0, none), row2(x, r1, none)), row2(x, r2, none));
    }

    /** max over taps 0, 1, 2 of the L outputs whose windows start at {@code r}, {@code r + 2}, ...: x[r+2j], x[r+2j+1], x[r+2j+2]. */
    private static FloatVector row2(float[] x, int r, FloatVector none) {
        FloatVector a = load(x, r), b = load(x, r + L);
        FloatVector e0 = EVEN.selectFrom(a, b), o0 = ODD.selectFrom(a, b);
        FloatVector e1 = EVEN.selectFrom(load(x, r + 2), load(x, r + 2 + L));
        return gt(gt(gt(none, e0), o0), e1);
    }

    private static FloatVector gt(FloatVector acc, FloatVector v) {
        return acc.blend(v, v.compare(VectorOperators.GT, acc));
    }

    private static FloatVector load(float[] x, int off) { return FloatVector.fromArray(S, x, off); }

}
