package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link Gelu}: per vector one division, a nine-term polynomial in fused
 * multiply-adds, one exp and a blend. Loaded only when the module is present.
 */
final class VectorGelu {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGelu() {}

    /** GELU of whole vectors from the start; returns how many elements it did. */
    static int apply(float[] x, int xo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        FloatVector one = FloatVector.broadcast(S, 1f), two = FloatVector.broadcast(S, 2f);
        for (int i = 0; i < up; i += L) {
            FloatVector in = FloatVector.fromArray(S, x, xo + i);
            FloatVector z = in.mul(0.70710678f), az = z.abs();
            FloatVector t = one.div(az.fma(0.5f, 1f));
            FloatVector p = t.fma(0.17087277f, -0.82215223f)
                    .fma(t, FloatVector.broadcast(S, 1.48851587f))
                    .fma(t, FloatVector.broadcast(S, -1.13520398f))
                    .fma(t, FloatVector.broadcast(S, 0.27886807f))
                    .fma(t, FloatVector.broadcast(S, -0.18628806f))
                    .fma(t, FloatVector.broadcast(S, 0.09678418f))
                    .fma(t, FloatVector.broadcast(S, 0.37409196f))
                    .fma(t, FloatVector.broadcast(S, 1.00002368f))
                    .fma(t, FloatVector.broadcast(S, -1.26551223f));
            FloatVector erfc = t.mul(z.fma(z.neg(), p).lanewise(VectorOperators.EXP));
            FloatVector onePlusErf = two.sub(erfc).blend(erfc, z.lt(0f));
            onePlusErf.mul(in).mul(0.5f).intoArray(o, oo + i);
        }
        return up;
    }
}
