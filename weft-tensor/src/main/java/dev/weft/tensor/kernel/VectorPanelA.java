package dev.weft.tensor.kernel;

import java.util.function.IntUnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packs one six-row A panel ({@link MicroKernel#packAPanel}) with 16-lane vectors: per 16 columns,
 * six row loads, eighteen two-vector lane selections and six stores instead of 96 scalar copies.
 *
 * <p>Implementation note. The panel wants, for each column k, the six rows' values side by side.
 * Rows are first interleaved in pairs (rows 0 and 1, 2 and 3, 4 and 5), which puts each column's
 * two values of a pair in adjacent lanes; then the three pair vectors are interleaved pair by pair,
 * a three-way merge done as two two-vector selections per output vector. Every index vector is a
 * constant built once. The result has the bits of the scalar copy (it only moves values).
 */
final class VectorPanelA {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16, MR = 6;
    /** Lanes 2j and 2j + 1 take lane j of the first and of the second source; HIGH takes lane 8 + j. */
    private static final FloatVector LOW = indices(i -> (i % 2 == 0 ? 0 : L) + i / 2);
    private static final FloatVector HIGH = indices(i -> (i % 2 == 0 ? 0 : L) + 8 + i / 2);
    /**
     * For output vector o (FIRST_o, SECOND_o): first the pairs of rows 0-1 and 2-3 into place, then
     * those of rows 4-5. Fields, not an array, so that C2 sees constants.
     */
    private static final FloatVector FIRST_0 = first(0), FIRST_1 = first(1), FIRST_2 = first(2);
    private static final FloatVector SECOND_0 = second(0), SECOND_1 = second(1), SECOND_2 = second(2);

    private VectorPanelA() {}

    /** True where this packing applies: 16-float vectors and six-row panels. */
    static boolean applies(int mr) {
        return mr == MR && FloatVector.SPECIES_PREFERRED.length() == L;
    }

    /** Rows {@code src, src + lda, ...} (six of them), columns [0, kc), into {@code dst[d..]} as [k][6]. */
    static void pack(float[] a, int src, int lda, int kc, float[] dst, int d) {
        int p = 0;
        for (; p + L <= kc; p += L, d += MR * L) {
            int s = src + p;
            FloatVector v0 = FloatVector.fromArray(S, a, s), v1 = FloatVector.fromArray(S, a, s + lda);
            FloatVector v2 = FloatVector.fromArray(S, a, s + 2 * lda), v3 = FloatVector.fromArray(S, a, s + 3 * lda);
            FloatVector v4 = FloatVector.fromArray(S, a, s + 4 * lda), v5 = FloatVector.fromArray(S, a, s + 5 * lda);
            FloatVector p01 = LOW.selectFrom(v0, v1), p23 = LOW.selectFrom(v2, v3), p45 = LOW.selectFrom(v4, v5);
            SECOND_0.selectFrom(FIRST_0.selectFrom(p01, p23), p45).intoArray(dst, d);
            SECOND_1.selectFrom(FIRST_1.selectFrom(p01, p23), p45).intoArray(dst, d + L);
            SECOND_2.selectFrom(FIRST_2.selectFrom(p01, p23), p45).intoArray(dst, d + 2 * L);
            p01 = HIGH.selectFrom(v0, v1);
            p23 = HIGH.selectFrom(v2, v3);
            p45 = HIGH.selectFrom(v4, v5);
            SECOND_0.selectFrom(FIRST_0.selectFrom(p01, p23), p45).intoArray(dst, d + 3 * L);
            SECOND_1.selectFrom(FIRST_1.selectFrom(p01, p23), p45).intoArray(dst, d + 4 * L);
            SECOND_2.selectFrom(FIRST_2.selectFrom(p01, p23), p45).intoArray(dst, d + 5 * L);
        }
        for (; p < kc; p++, d += MR) {
            for (int r = 0; r < MR; r++) dst[d + r] = a[src + r * lda + p];
        }
    }

    // Output lane f of output vector o holds pair slot 8o + f/2: slot s is column s / 3 of pair group
    // s % 3 (rows 0-1, 2-3, 4-5), at lane 2 (s / 3) + f % 2 of that group's pair vector.

    private static FloatVector first(int o) {
        return indices(f -> {
            int slot = 8 * o + f / 2, group = slot % 3, lane = 2 * (slot / 3) + f % 2;
            return group == 0 ? lane : group == 1 ? L + lane : 0; // group 2's lanes are filled next
        });
    }

    private static FloatVector second(int o) {
        return indices(f -> {
            int slot = 8 * o + f / 2, lane = 2 * (slot / 3) + f % 2;
            return slot % 3 == 2 ? L + lane : f;
        });
    }

    /** The vector whose lane i holds {@code f(i)}: a lane index for {@code selectFrom}. */
    private static FloatVector indices(IntUnaryOperator f) {
        float[] v = new float[L];
        for (int i = 0; i < L; i++) v[i] = f.applyAsInt(i);
        return FloatVector.fromArray(S, v, 0);
    }
}
