package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhaseRows#split} with the Vector API for stride 2 (MobileNet, ResNet and SqueezeNet pools):
 * each input row is copied once into the padded-row buffer, whose even and odd columns are then
 * de-interleaved a vector pair at a time with two-vector lane selections ({@code selectFrom}). Other
 * strides use the scalar split (stride 1 is a copy either way). Writes exactly what the scalar split
 * writes. Stateless, thread-safe.
 *
 * <p>Implementation note: no masked loads here (or masks from {@code indexInRange}): on JDK 25 they
 * fall back to Java code when the range is partial, costing microseconds per row.
 */
final class VectorPhaseRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane indexes into the concatenation of two vectors: its even and its odd lanes. */
    private static final FloatVector EVEN = FloatVector.zero(S).addIndex(2);
    private static final FloatVector ODD = EVEN.add(1f);

    private VectorPhaseRows() {}

    static int lanes() { return L; }

    static void split(PhaseRows p, float[] x, int xBase, float fill, float[] s) {
        if (p.sW != 2 || p.rowLen % L != 0) {
            p.split(x, xBase, fill, s);
            return;
        }
        p.fillRows(s, fill);
        for (int ih = 0; ih < p.inH; ih++) {
            p.padRow(x, xBase, ih, fill, s);
            unzip(s, p.padOff, ih * 2 * p.rowLen, p.rowLen);
        }
    }

    /** Even columns of {@code s[src, src + 2*len)} to {@code s[dst, dst + len)}, odd ones to the next {@code len} floats. */
    private static void unzip(float[] s, int src, int dst, int len) {
        for (int j = 0; j < len; j += L) { // len is a multiple of L
            FloatVector a = FloatVector.fromArray(S, s, src + 2 * j);
            FloatVector b = FloatVector.fromArray(S, s, src + 2 * j + L);
            EVEN.selectFrom(a, b).intoArray(s, dst + j);
            ODD.selectFrom(a, b).intoArray(s, dst + len + j);
        }
    }
}
