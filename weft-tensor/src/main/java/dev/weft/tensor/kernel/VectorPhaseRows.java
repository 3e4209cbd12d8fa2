package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhaseRows#split} with the Vector API: stride 2 (MobileNet, ResNet and SqueezeNet pools)
 * de-interleaves even and odd columns with two-vector unzip shuffles; stride 1 is a copy either way;
 * other strides use the scalar loop. Writes exactly what the scalar split writes. Stateless, thread-safe.
 */
final class VectorPhaseRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Float> EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> ODD = VectorShuffle.makeUnzip(S, 1);

    private VectorPhaseRows() {}

    static int lanes() { return L; }

    static void split(PhaseRows p, float[] x, int xBase, float fill, float[] s) {
        if (p.sW != 2) {
            p.split(x, xBase, fill, s);
            return;
        }
        p.fillRows(s, fill);
        int rowLen = p.rowLen, src = p.padOff;
        for (int ih = 0; ih < p.inH; ih++) {
            p.padRow(x, xBase, ih, fill, s);
            int even = ih * 2 * rowLen, odd = even + rowLen;
            // rowLen is a multiple of L and the padded row holds 2 * rowLen floats: no tail.
            for (int j = 0; j < rowLen; j += L) {
                FloatVector a = FloatVector.fromArray(S, s, src + 2 * j);
                FloatVector b = FloatVector.fromArray(S, s, src + 2 * j + L);
                a.rearrange(EVEN, b).intoArray(s, even + j);
                a.rearrange(ODD, b).intoArray(s, odd + j);
            }
        }
    }
}
