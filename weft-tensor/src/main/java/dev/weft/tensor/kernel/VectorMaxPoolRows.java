package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-d 3×3 max pooling with horizontal stride 1 or 2, and 2×2 with stride 2, no dilation, read straight
 * from the input rows: no {@link PhasePlanes} copy. For small planes (SqueezeNet's 27×27) the copy cost ten times the
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
    private static final IntVector EVEN = VectorPhasePlanes.EVEN, ODD = VectorPhasePlanes.ODD;

    private VectorMaxPoolRows() {}

    /**
     * True for the problems this class runs: 2-d windows without dilation, 3×3 with horizontal
     * stride 1 or 2, or 2×2 with stride 2 both ways (MNIST's first pool, where the phase copy and
     * the general loop took 10 µs for 8 planes of 28×28, twice ONNX Runtime's time).
     */
    static boolean applies(ConvGeometry g) {
        if (g.inD() != 1 || g.kD() != 1 || g.outD() != 1 || g.pD() != 0 || g.dH() != 1 || g.dW() != 1) return false;
        return g.kH() == 3 && g.kW() == 3 && (g.sW() == 1 || g.sW() == 2)
                || g.kH() == 2 && g.kW() == 2 && g.sH() == 2 && g.sW() == 2;
    }

    /** One plane: {@code y[yBase..]} (outH × outW) from {@code x[xBase..]} (inH × inW). */
    static void plane(ConvGeometry g, float[] x, int xBase, float[] y, int yBase) {
        if (halving(g)) {
            halve(g, x, xBase, y, yBase);
            return;
        }
        int inH = g.inH(), inW = g.inW(), outH = g.outH(), outW = g.outW();
        int kH = g.kH(), kW = g.kW(), sH = g.sH(), sW = g.sW(), pH = g.pH(), pW = g.pW();
        // Outputs [lo, hi) have every tap inside the row.
        int lo = Math.min(outW, (pW + sW - 1) / sW);
        int hi = Math.max(lo, Math.min(outW, Math.floorDiv(inW - kW + pW, sW) + 1));
        // With stride 2 both ways, the 3×3 rows whose windows lie inside the input go down columns.
        boolean columns = kH == 3 && sH == 2 && sW == 2;
        int full0 = outH, full1 = outH;
        for (int oh = 0; oh < outH; oh++) {
            int h0 = oh * sH - pH, kh0 = Math.max(0, -h0), kh1 = Math.min(kH, inH - h0);
            int yr = yBase + oh * outW;
            for (int ow = 0; ow < lo; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            for (int ow = hi; ow < outW; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            if (kh0 != 0 || kh1 != kH) { // a window row in the padding: one at a time
                for (int ow = lo; ow < hi; ow++) y[yr + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            } else if (columns) {
                full0 = Math.min(full0, oh);
                full1 = oh + 1;
            } else if (kH == 2) {
                runs2x2(g, x, xBase, h0, y, yr, lo, hi);
            } else if (sW == 1) {
                runs3x3(g, x, xBase, h0, y, yr, lo, hi);
            } else {
                runs3x3Stride2(g, x, xBase, h0, y, yr, lo, hi);
            }
        }
        if (full0 < full1) columns3x3Stride2(g, x, xBase, y, yBase, full0, full1, lo, hi);
    }

    // Implementation note. plane above holds no vector code; each shape's runs have a method of their
    // own, written out tap by tap with no vector passed to or returned from a helper. Why: when a model
    // with a new pool shape takes a branch C2 had never seen, the method holding that branch is
    // deoptimized and runs C1 code until C2 compiles it again, and C1 code runs the Vector API's Java
    // fallback, allocating every vector. With the vector loops inside plane, SqueezeNet's pools timed
    // after ResNet-18's in one JVM sat in that state for seconds (9 MB allocated per run). Now a new
    // shape costs a recompile of plane, which has nothing to lose, and the runs of each shape are
    // compiled on their own. A vector a method returns is boxed wherever C2 does not inline it.

    /**
     * Whether the run of L outputs from column c of an output row whose window starts at input row h0
     * (every kernel row inside the input) reads and writes whole vectors inside x and y.
     */
    private static boolean wholeRun(ConvGeometry g, int xLen, int yLen, int xBase, int h0, int yr, int c) {
        int first = xBase + c * g.sW() - g.pW(); // tap (·, 0) of lane 0, relative to a row start
        return (long) first + (long) (h0 + g.kH() - 1) * g.inW() + 2 + (long) g.sW() * L <= xLen && yr + c + L <= yLen;
    }

    /** Outputs [c, c + n) of an output row, one at a time (the whole-vector reads would leave x or y). */
    private static void scalarRun(ConvGeometry g, float[] x, int xBase, int h0, float[] y, int yr, int c, int n) {
        for (int ow = c; ow < c + n; ow++) y[yr + ow] = scalar(g, x, xBase, h0, 0, g.kH(), ow);
    }

    /** Runs [lo, hi) of an output row, 3×3 windows, horizontal stride 1: three loads per kernel row. */
    private static void runs3x3(ConvGeometry g, float[] x, int xBase, int h0, float[] y, int yr, int lo, int hi) {
        int inW = g.inW();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = lo; c < hi; c += L) {
            int n = Math.min(L, hi - c);
            if (!wholeRun(g, x.length, y.length, xBase, h0, yr, c)) {
                scalarRun(g, x, xBase, h0, y, yr, c, n);
                continue;
            }
            int a = xBase + c - g.pW() + h0 * inW, b = a + inW, d = b + inW;
            // Taps in (kh, kw) order, each kernel row its own chain, strictly greater wins.
            FloatVector t = FloatVector.fromArray(S, x, a), m0 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = FloatVector.fromArray(S, x, a + 1);
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            t = FloatVector.fromArray(S, x, a + 2);
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            t = FloatVector.fromArray(S, x, b);
            FloatVector m1 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = FloatVector.fromArray(S, x, b + 1);
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            t = FloatVector.fromArray(S, x, b + 2);
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            t = FloatVector.fromArray(S, x, d);
            FloatVector m2 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = FloatVector.fromArray(S, x, d + 1);
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            t = FloatVector.fromArray(S, x, d + 2);
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
            // The first n lanes; the whole vector lies inside y (wholeRun), so the masked store is intrinsic.
            m0.blend(m2, m2.compare(VectorOperators.GT, m0)).intoArray(y, yr + c, VectorMask.fromLong(S, (1L << n) - 1));
        }
    }

    /**
     * Runs [lo, hi) of an output row, 3×3 windows, horizontal stride 2: per kernel row four loads and
     * the even and odd lanes of their concatenations.
     */
    private static void runs3x3Stride2(ConvGeometry g, float[] x, int xBase, int h0, float[] y, int yr, int lo, int hi) {
        int inW = g.inW();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = lo; c < hi; c += L) {
            int n = Math.min(L, hi - c);
            if (!wholeRun(g, x.length, y.length, xBase, h0, yr, c)) {
                scalarRun(g, x, xBase, h0, y, yr, c, n);
                continue;
            }
            int a = xBase + 2 * c - g.pW() + h0 * inW, b = a + inW, d = b + inW;
            IntVector p = FloatVector.fromArray(S, x, a).reinterpretAsInts(), q = FloatVector.fromArray(S, x, a + L).reinterpretAsInts();
            FloatVector t = EVEN.selectFrom(p, q).reinterpretAsFloats(), m0 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x, a + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, a + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            p = FloatVector.fromArray(S, x, b).reinterpretAsInts();
            q = FloatVector.fromArray(S, x, b + L).reinterpretAsInts();
            t = EVEN.selectFrom(p, q).reinterpretAsFloats();
            FloatVector m1 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x, b + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, b + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            p = FloatVector.fromArray(S, x, d).reinterpretAsInts();
            q = FloatVector.fromArray(S, x, d + L).reinterpretAsInts();
            t = EVEN.selectFrom(p, q).reinterpretAsFloats();
            FloatVector m2 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x, d + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, d + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
            m0.blend(m2, m2.compare(VectorOperators.GT, m0)).intoArray(y, yr + c, VectorMask.fromLong(S, (1L << n) - 1));
        }
    }

    /**
     * Columns [lo, hi) of output rows [oh0, oh1), 3×3 windows, stride 2 both ways, every window inside
     * the input. One run of L columns at a time goes down the rows, so each input row's horizontal
     * maxima (four loads, the even and odd lanes of their concatenations) are taken once: the last
     * row of one window is the first of the next. Going across each output row instead took each of
     * those rows twice and paid the run's set-up per row, which on SqueezeNet's 13-wide rows (one run
     * per row) cost 2.6 to 3 times as long (same JVM, alternating). A run whose reads could leave x,
     * or whose vector could pass y's end, goes row by row through {@link #runs3x3Stride2}.
     */
    private static void columns3x3Stride2(ConvGeometry g, float[] x, int xBase, float[] y, int yBase, int oh0, int oh1, int lo, int hi) {
        int inW = g.inW(), outW = g.outW(), hLast = (oh1 - 1) * 2 - g.pH();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = lo; c < hi; c += L) {
            int n = Math.min(L, hi - c);
            if (!wholeRun(g, x.length, y.length, xBase, hLast, yBase + (oh1 - 1) * outW, c)) {
                for (int oh = oh0; oh < oh1; oh++) runs3x3Stride2(g, x, xBase, oh * 2 - g.pH(), y, yBase + oh * outW, c, c + n);
                continue;
            }
            VectorMask<Float> keep = VectorMask.fromLong(S, (1L << n) - 1);
            int a = xBase + 2 * c - g.pW() + (oh0 * 2 - g.pH()) * inW, yr = yBase + oh0 * outW + c;
            // The top row of the first window; then per output row its middle and bottom rows, the
            // bottom row being the next window's top. Written out three times on purpose: with one
            // copy in a loop over input rows, choosing top, middle or bottom by the row's parity, C2
            // boxed the vectors carried across the branches (4.7 MB allocated per SqueezeNet run).
            IntVector p = FloatVector.fromArray(S, x, a).reinterpretAsInts(), q = FloatVector.fromArray(S, x, a + L).reinterpretAsInts();
            FloatVector t = EVEN.selectFrom(p, q).reinterpretAsFloats(), top = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            top = top.blend(t, t.compare(VectorOperators.GT, top));
            p = FloatVector.fromArray(S, x, a + 2).reinterpretAsInts();
            q = FloatVector.fromArray(S, x, a + 2 + L).reinterpretAsInts();
            t = EVEN.selectFrom(p, q).reinterpretAsFloats();
            top = top.blend(t, t.compare(VectorOperators.GT, top));
            for (int oh = oh0; oh < oh1; oh++, yr += outW) {
                int b = a + (2 * (oh - oh0) + 1) * inW, d = b + inW;
                p = FloatVector.fromArray(S, x, b).reinterpretAsInts();
                q = FloatVector.fromArray(S, x, b + L).reinterpretAsInts();
                t = EVEN.selectFrom(p, q).reinterpretAsFloats();
                FloatVector mid = none.blend(t, t.compare(VectorOperators.GT, none));
                t = ODD.selectFrom(p, q).reinterpretAsFloats();
                mid = mid.blend(t, t.compare(VectorOperators.GT, mid));
                p = FloatVector.fromArray(S, x, b + 2).reinterpretAsInts();
                q = FloatVector.fromArray(S, x, b + 2 + L).reinterpretAsInts();
                t = EVEN.selectFrom(p, q).reinterpretAsFloats();
                mid = mid.blend(t, t.compare(VectorOperators.GT, mid));
                p = FloatVector.fromArray(S, x, d).reinterpretAsInts();
                q = FloatVector.fromArray(S, x, d + L).reinterpretAsInts();
                t = EVEN.selectFrom(p, q).reinterpretAsFloats();
                FloatVector bottom = none.blend(t, t.compare(VectorOperators.GT, none));
                t = ODD.selectFrom(p, q).reinterpretAsFloats();
                bottom = bottom.blend(t, t.compare(VectorOperators.GT, bottom));
                p = FloatVector.fromArray(S, x, d + 2).reinterpretAsInts();
                q = FloatVector.fromArray(S, x, d + 2 + L).reinterpretAsInts();
                t = EVEN.selectFrom(p, q).reinterpretAsFloats();
                bottom = bottom.blend(t, t.compare(VectorOperators.GT, bottom));
                // Kernel rows merged in order, strictly greater wins (as everywhere in this class).
                FloatVector m = top.blend(mid, mid.compare(VectorOperators.GT, top));
                m.blend(bottom, bottom.compare(VectorOperators.GT, m)).intoArray(y, yr, keep);
                top = bottom;
            }
        }
    }

    /** Runs [lo, hi) of an output row, 2×2 windows, stride 2: per kernel row two loads, even and odd lanes. */
    private static void runs2x2(ConvGeometry g, float[] x, int xBase, int h0, float[] y, int yr, int lo, int hi) {
        int inW = g.inW();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = lo; c < hi; c += L) {
            int n = Math.min(L, hi - c);
            if (!wholeRun(g, x.length, y.length, xBase, h0, yr, c)) {
                scalarRun(g, x, xBase, h0, y, yr, c, n);
                continue;
            }
            int a = xBase + 2 * c - g.pW() + h0 * inW, b = a + inW;
            IntVector p = FloatVector.fromArray(S, x, a).reinterpretAsInts(), q = FloatVector.fromArray(S, x, a + L).reinterpretAsInts();
            FloatVector t = EVEN.selectFrom(p, q).reinterpretAsFloats(), m0 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            p = FloatVector.fromArray(S, x, b).reinterpretAsInts();
            q = FloatVector.fromArray(S, x, b + L).reinterpretAsInts();
            t = EVEN.selectFrom(p, q).reinterpretAsFloats();
            FloatVector m1 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p, q).reinterpretAsFloats();
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            m0.blend(m1, m1.compare(VectorOperators.GT, m0)).intoArray(y, yr + c, VectorMask.fromLong(S, (1L << n) - 1));
        }
    }

    /** Read for the padding row above the first output row of {@link #halve}; never written. */
    private static final float[] NONE = filled(4096, Float.NEGATIVE_INFINITY);

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * True for stride 2 with one row and column of padding each side on an even input at least a
     * vector wide (ResNet's 112×112 → 56×56): then only the row above the first output row and the
     * column left of the first output column are padding, and {@link #halve} needs no output one at
     * a time.
     */
    private static boolean halving(ConvGeometry g) {
        return g.kH() == 3 && g.sW() == 2 && g.sH() == 2 && g.pW() == 1 && g.pH() == 1 && g.inW() % 2 == 0 && g.inH() % 2 == 0
                && g.outW() == g.inW() / 2 && g.outH() == g.inH() / 2 && g.outW() >= L && g.inW() + 2 * L + 2 <= NONE.length;
    }

    /**
     * Stride 2, "same" padding on an even input ({@link #halving}), the whole plane. The padding row
     * above the first output row is read from {@link #NONE} (-∞, which never wins); the first run of
     * each row loads the padding column from inside x (the previous row's last element) and blends
     * it to -∞ ({@link #left2}); the other runs load plainly, row 0's across it ({@link #interior2})
     * and the rest down columns ({@link #columns3x3Stride2}: 0.51–0.65 of the time of going across
     * every row on ResNet's 64×112×112, one thread, builds in alternate JVMs). This replaces the
     * outputs at the padding computed one at a time (a third of the plane's outputs went that way).
     * Rows whose whole-vector reads could leave x go one output at a time.
     */
    private static void halve(ConvGeometry g, float[] x, int xBase, float[] y, int yBase) {
        int outW = g.outW();
        for (int oh = 0; oh < g.outH(); oh++) {
            if (!safeHalvingRow(g, x.length, xBase, oh)) {
                int h0 = 2 * oh - 1, kh0 = Math.max(0, -h0), kh1 = Math.min(3, g.inH() - h0);
                for (int ow = 0; ow < outW; ow++) y[yBase + oh * outW + ow] = scalar(g, x, xBase, h0, kh0, kh1, ow);
            }
        }
        left2(g, x, xBase, y, yBase);
        if (outW > L) {
            // Row 0, whose top window row is padding: runs at L, 2L, ... and one ending at the row's
            // end (overlapping the one before it). The other rows go down columns; that method checks
            // its own reads, and rows done one at a time above get the same bits again.
            int whole = outW / L - 1;
            interior2(g, x, xBase, y, yBase, L, whole, 1);
            if (outW % L != 0) interior2(g, x, xBase, y, yBase, outW - L, 1, 1);
            if (g.outH() > 1) columns3x3Stride2(g, x, xBase, y, yBase, 1, g.outH(), L, outW);
        }
    }

    /** True when every whole-vector read of output row oh's window ({@link #halve}) stays inside x. */
    private static boolean safeHalvingRow(ConvGeometry g, int xLen, int xBase, int oh) {
        int inW = g.inW(), first = xBase + (2 * oh - (oh > 0 ? 1 : 0)) * inW - 1;
        return first >= 0 && (long) xBase + (2L * oh + 1) * inW + inW + 1 <= xLen;
    }

    // The two loops below are written out tap by tap, with no helper method: with calls to small
    // vector helpers inlined into them C2 fell back to the Vector API's Java code (3 to 6 times slower).

    /** {@link #halve}: {@code count} runs of rows [0, rows), starting at columns first, first + L, ... */
    private static void interior2(ConvGeometry g, float[] x, int xBase, float[] y, int yBase, int first, int count, int rows) {
        int inW = g.inW(), outW = g.outW();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int oh = 0; oh < rows; oh++) {
            if (!safeHalvingRow(g, x.length, xBase, oh)) continue; // halve did it
            // Window rows 2oh - 1 (padding above the first output row: NONE), 2oh and 2oh + 1, from column -1.
            int r1 = xBase + 2 * oh * inW - 1, r2 = r1 + inW;
            float[] x0 = oh > 0 ? x : NONE;
            int r0 = oh > 0 ? r1 - inW : L;
            for (int k = 0, c = first; k < count; k++, c += L) {
                int a = r0 + 2 * c, b = r1 + 2 * c, d = r2 + 2 * c;
                IntVector p0 = FloatVector.fromArray(S, x0, a).reinterpretAsInts(), q0 = FloatVector.fromArray(S, x0, a + L).reinterpretAsInts();
                IntVector p1 = FloatVector.fromArray(S, x, b).reinterpretAsInts(), q1 = FloatVector.fromArray(S, x, b + L).reinterpretAsInts();
                IntVector p2 = FloatVector.fromArray(S, x, d).reinterpretAsInts(), q2 = FloatVector.fromArray(S, x, d + L).reinterpretAsInts();
                // Taps in (kh, kw) order, each kernel row its own chain, strictly greater wins (as plane does).
                FloatVector t = EVEN.selectFrom(p0, q0).reinterpretAsFloats(), m0 = none.blend(t, t.compare(VectorOperators.GT, none));
                t = ODD.selectFrom(p0, q0).reinterpretAsFloats();
                m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
                t = EVEN.selectFrom(FloatVector.fromArray(S, x0, a + 2).reinterpretAsInts(), FloatVector.fromArray(S, x0, a + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
                m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
                t = EVEN.selectFrom(p1, q1).reinterpretAsFloats();
                FloatVector m1 = none.blend(t, t.compare(VectorOperators.GT, none));
                t = ODD.selectFrom(p1, q1).reinterpretAsFloats();
                m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
                t = EVEN.selectFrom(FloatVector.fromArray(S, x, b + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, b + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
                m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
                t = EVEN.selectFrom(p2, q2).reinterpretAsFloats();
                FloatVector m2 = none.blend(t, t.compare(VectorOperators.GT, none));
                t = ODD.selectFrom(p2, q2).reinterpretAsFloats();
                m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
                t = EVEN.selectFrom(FloatVector.fromArray(S, x, d + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, d + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
                m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
                m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
                m0.blend(m2, m2.compare(VectorOperators.GT, m0)).intoArray(y, yBase + oh * outW + c);
            }
        }
    }

    /**
     * {@link #halve}: the run at column 0 of every row, whose tap (·, 0) reads the padding column in
     * lane 0. A copy of {@link #interior2}'s body with three blends added, on purpose: one loop that
     * blended in every run (with no lane set past the first) was 1.07–1.10 times as slow on ResNet's
     * pool and smaller ones, alternating in one JVM.
     */
    private static void left2(ConvGeometry g, float[] x, int xBase, float[] y, int yBase) {
        int inW = g.inW(), outW = g.outW();
        FloatVector none = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        VectorMask<Float> pad = VectorMask.fromLong(S, 1L);
        for (int oh = 0; oh < g.outH(); oh++) {
            if (!safeHalvingRow(g, x.length, xBase, oh)) continue; // halve did it
            int b = xBase + 2 * oh * inW - 1, d = b + inW;
            float[] x0 = oh > 0 ? x : NONE;
            int a = oh > 0 ? b - inW : L;
            IntVector p0 = FloatVector.fromArray(S, x0, a).reinterpretAsInts(), q0 = FloatVector.fromArray(S, x0, a + L).reinterpretAsInts();
            IntVector p1 = FloatVector.fromArray(S, x, b).reinterpretAsInts(), q1 = FloatVector.fromArray(S, x, b + L).reinterpretAsInts();
            IntVector p2 = FloatVector.fromArray(S, x, d).reinterpretAsInts(), q2 = FloatVector.fromArray(S, x, d + L).reinterpretAsInts();
            FloatVector t = EVEN.selectFrom(p0, q0).reinterpretAsFloats().blend(none, pad), m0 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p0, q0).reinterpretAsFloats();
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x0, a + 2).reinterpretAsInts(), FloatVector.fromArray(S, x0, a + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m0 = m0.blend(t, t.compare(VectorOperators.GT, m0));
            t = EVEN.selectFrom(p1, q1).reinterpretAsFloats().blend(none, pad);
            FloatVector m1 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p1, q1).reinterpretAsFloats();
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x, b + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, b + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m1 = m1.blend(t, t.compare(VectorOperators.GT, m1));
            t = EVEN.selectFrom(p2, q2).reinterpretAsFloats().blend(none, pad);
            FloatVector m2 = none.blend(t, t.compare(VectorOperators.GT, none));
            t = ODD.selectFrom(p2, q2).reinterpretAsFloats();
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            t = EVEN.selectFrom(FloatVector.fromArray(S, x, d + 2).reinterpretAsInts(), FloatVector.fromArray(S, x, d + 2 + L).reinterpretAsInts()).reinterpretAsFloats();
            m2 = m2.blend(t, t.compare(VectorOperators.GT, m2));
            m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
            m0.blend(m2, m2.compare(VectorOperators.GT, m0)).intoArray(y, yBase + oh * outW);
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
}
