package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhasePlanes#split} with the Vector API for strides 1 and 2 (other strides use the scalar split).
 * With stride 1 rows are copied as they are; with stride 2 they are read in whole vectors that may
 * spill past the row (the layout is written in ascending order, so a spill is overwritten later) and
 * the even and odd columns are de-interleaved with two-vector lane selections ({@code selectFrom}),
 * then the few padding columns are written one by one. Writes exactly what the scalar split writes. Stateless, thread-safe.
 *
 * <p>Implementation note: no masked loads or stores in these kernels (nor masks from
 * {@code indexInRange}): on JDK 25 a partial range falls back to Java code costing microseconds.
 */
final class VectorPhasePlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Lane indexes into the concatenation of two vectors: its even and its odd lanes (shared by the row
     * kernels, which select from their float vectors reinterpreted as ints). Int indexes, because
     * float ones are converted (with range and NaN checks) on every {@code selectFrom} that C2 cannot
     * hoist out of a loop, and kernels on small planes make one or two selections per call.
     */
    static final IntVector EVEN = IntVector.zero(S.withLanes(int.class)).addIndex(2);
    static final IntVector ODD = EVEN.add(1);

    private VectorPhasePlanes() {}

    static int lanes() { return L; }

    /** Splits the plane at {@code xBase} into the layout at {@code s[base..]}. */
    static void split(PhasePlanes p, float[] x, int xBase, float fill, float[] s, int base) {
        if (p.sW > 2) {
            p.split(x, xBase, fill, s, base);
            return;
        }
        for (int a = 0; a < p.sH; a++) {
            for (int i = 0; i < p.rows; i++) {
                int ih = p.sourceRow(a, i), d = base + p.rowStart(a, i);
                if (ih < 0 || ih >= p.inH) PhasePlanes.fill(s, d, d + p.rowStride, fill);
                else if (p.sW == 1) copyRow(p, x, xBase + ih * p.inW, fill, s, d);
                else unzipRow(p, x, xBase + ih * p.inW, fill, s, d);
            }
        }
        PhasePlanes.fill(s, base + p.rowsEnd, base + p.tmpOff, fill);
    }

    /**
     * {@code s[d + k] = xpad[k]} for k in [0, pitch). A plain copy: written with vector loads and
     * stores it was, once C2 had inlined it into {@link #split} with a cold profile, a call to the
     * Vector API's Java code that allocated 1.9 MB per MobileNet-v2 run.
     */
    private static void copyRow(PhasePlanes p, float[] x, int xr, float fill, float[] s, int d) {
        int lead = Math.min(p.pW, p.pitch), n = Math.max(0, Math.min(p.inW, p.pitch - lead));
        System.arraycopy(x, xr, s, d + lead, n);
        PhasePlanes.fill(s, d, d + lead, fill);
        PhasePlanes.fill(s, d + lead + n, d + p.pitch, fill);
    }

    /** {@code s[d + k] = xpad[2k]}, {@code s[d + pitch + k] = xpad[2k + 1]} for k in [0, pitch). */
    private static void unzipRow(PhasePlanes p, float[] x, int xr, float fill, float[] s, int d) {
        int pitch = p.pitch, pW = p.pW, inW = p.inW;
        int lo = Math.min(pitch, (pW + 1) / 2); // first k whose source column 2k - pW is >= 0
        int k = lo;
        // Even phase first: its spill past the row lands in the odd phase, written next.
        for (; k < pitch && xr + 2 * k - pW <= x.length - 2 * L; k += L) {
            int src = xr + 2 * k - pW;
            EVEN.selectFrom(FloatVector.fromArray(S, x, src).reinterpretAsInts(), FloatVector.fromArray(S, x, src + L).reinterpretAsInts()).reinterpretAsFloats().intoArray(s, d + k);
        }
        int end = Math.min(k, pitch);
        for (k = lo; k < end; k += L) {
            int src = xr + 2 * k - pW;
            ODD.selectFrom(FloatVector.fromArray(S, x, src).reinterpretAsInts(), FloatVector.fromArray(S, x, src + L).reinterpretAsInts()).reinterpretAsFloats().intoArray(s, d + pitch + k);
        }
        // Columns before lo, and from the first whose odd source lies past the row (vector lanes there read garbage).
        for (k = 0; k < lo; k++) edge(x, xr, inW, pW, fill, s, d, pitch, k);
        for (k = Math.max(lo, Math.min(end, (inW + pW) / 2)); k < pitch; k++) edge(x, xr, inW, pW, fill, s, d, pitch, k);
    }

    private static void edge(float[] x, int xr, int inW, int pW, float fill, float[] s, int d, int pitch, int k) {
        int c = 2 * k - pW;
        s[d + k] = c >= 0 && c < inW ? x[xr + c] : fill;
        s[d + pitch + k] = c + 1 >= 0 && c + 1 < inW ? x[xr + c + 1] : fill;
    }
}
