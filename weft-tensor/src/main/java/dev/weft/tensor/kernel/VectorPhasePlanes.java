package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhasePlanes#split} with the Vector API for stride 2 (MobileNet, ResNet and SqueezeNet pools):
 * the even and odd columns of each input row are de-interleaved straight from the input, a vector pair
 * at a time, with two-vector lane selections ({@code selectFrom}); the few columns at the edges
 * (padding) are done one by one. Other
 * strides use the scalar split (stride 1 is a copy either way). Writes exactly what the scalar split
 * writes. Stateless, thread-safe.
 *
 * <p>Implementation note: no masked loads or stores in these kernels (nor masks from
 * {@code indexInRange}): on JDK 25 a partial range falls back to Java code costing microseconds.
 */
final class VectorPhasePlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane indexes into the concatenation of two vectors: its even and its odd lanes. */
    private static final FloatVector EVEN = FloatVector.zero(S).addIndex(2);
    private static final FloatVector ODD = EVEN.add(1f);

    private VectorPhasePlanes() {}

    static int lanes() { return L; }

    static void split(PhasePlanes p, float[] x, int xBase, float fill, float[] s) {
        if (p.sW != 2) {
            p.split(x, xBase, fill, s);
            return;
        }
        for (int a = 0; a < p.sH; a++) {
            for (int i = 0; i < p.rows; i++) {
                int ih = p.sourceRow(a, i);
                int even = p.rowStart(a, 0, i), odd = p.rowStart(a, 1, i);
                if (ih < 0 || ih >= p.inH) {
                    java.util.Arrays.fill(s, even, even + p.pitch, fill);
                    java.util.Arrays.fill(s, odd, odd + p.pitch, fill);
                    continue;
                }
                row(x, xBase + ih * p.inW, p.inW, p.pW, fill, s, even, odd, p.pitch);
            }
        }
        java.util.Arrays.fill(s, p.sH * p.sW * p.planeSize, p.outOff, fill);
    }

    /**
     * Phase rows {@code even[k] = xpad[2k]}, {@code odd[k] = xpad[2k + 1]} for k in [0, len), where
     * {@code xpad[c] = x[row + c - pW]} inside the row and {@code fill} outside: whole vectors straight
     * from x where both source vectors lie inside the row, scalar at the edges.
     */
    private static void row(float[] x, int row, int inW, int pW, float fill, float[] s, int even, int odd, int len) {
        int lo = Math.min(len, (pW + 1) / 2);          // first k with 2k - pW >= 0
        int hi = Math.min(len - L, (inW + pW) / 2 - L); // last k whose 2L source columns end inside the row
        int k = 0;
        for (; k < lo; k++) edge(x, row, inW, pW, fill, s, even, odd, k);
        for (; k <= hi; k += L) {
            int src = row + 2 * k - pW;
            FloatVector a = FloatVector.fromArray(S, x, src);
            FloatVector b = FloatVector.fromArray(S, x, src + L);
            EVEN.selectFrom(a, b).intoArray(s, even + k);
            ODD.selectFrom(a, b).intoArray(s, odd + k);
        }
        for (; k < len; k++) edge(x, row, inW, pW, fill, s, even, odd, k);
    }

    private static void edge(float[] x, int row, int inW, int pW, float fill, float[] s, int even, int odd, int k) {
        int c = 2 * k - pW;
        s[even + k] = c >= 0 && c < inW ? x[row + c] : fill;
        s[odd + k] = c + 1 >= 0 && c + 1 < inW ? x[row + c + 1] : fill;
    }
}
