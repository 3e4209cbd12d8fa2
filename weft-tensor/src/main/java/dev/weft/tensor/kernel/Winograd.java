package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * Winograd minimal filtering, F(m×m, 3×3), for 2-d convolutions with 3×3 kernels, stride 1,
 * dilation 1 and one group: each m×m block of outputs ("tile") costs (m+2)² multiplies per input
 * channel instead of 9m², so F(4×4) does 4× and F(2×2) 2.25× fewer multiply-adds than a direct
 * convolution. Used for ResNet-style 3×3 layers when {@link #choose} finds it cheaper.
 *
 * <p>With α = m + 2, weights w (3×3), an input patch d (α×α) and output tile Y (m×m):
 * {@code Y = Aᵀ [ (G w Gᵀ) ⊙ (Bᵀ d B) ] A}. Summed over input channels, the elementwise product
 * becomes α² independent GEMMs: {@code M[ξν] (M×T) = U[ξν] (M×C) · V[ξν] (C×T)} over all T tiles,
 * which run on the blocked GEMM. The transforms are small linear combinations of whole rows.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>The input is split into m×m phase planes {@code Q[a][b][I][J] = xpad[I·m + a][J·m + b]} with
 *       one spare tile column ({@code W1 = tilesW + 1}). Element (i, j) of every tile's patch is then
 *       the shifted view {@code Q[i%m][j%m][t + (i/m)·W1 + j/m]} with {@code t = th·W1 + tw}, so the
 *       input transform works on whole planes at once: long vectors, no per-tile loops. The spare
 *       column's tiles are computed and dropped (1/tilesW extra work).</li>
 *   <li>Weights wrapped in {@link ConvWeights} are transformed and packed for the GEMM once
 *       ({@link #prepare}); raw weights are transformed on every call, vectorised over input
 *       channels, which JFR put at about half the time of a 256-channel 14×14 layer, so
 *       {@link #choose} charges for it and keeps such layers direct.</li>
 *   <li>F(4×4) rounds float32 more than a direct sum (transform entries up to 8): errors are around
 *       1e-6 relative to the largest partial sums, which is why small problems, where Winograd
 *       does not pay anyway, stay direct.</li>
 * </ul>
 * Stateless and thread-safe; scratch comes from {@link FloatScratch}.
 */
final class Winograd {
    /** One F(m×m, 3×3) algorithm. Matrices are row-major: Bᵀ is α×α, G is α×3, Aᵀ is m×α. */
    record Variant(int m, float[] bt, float[] g, float[] at) {
        int alpha() { return m + 2; }
    }

    // The interpolation points are 0, ±1 (and ±2 for F4) plus infinity (Lavin and Gray, 2015).
    static final Variant F2 = new Variant(2,
            new float[] {1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1},
            new float[] {1, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0, 0, 1},
            new float[] {1, 1, 1, 0, 0, 1, -1, -1});
    static final Variant F4 = new Variant(4,
            new float[] {
                4, 0, -5, 0, 1, 0,
                0, -4, -4, 1, 1, 0,
                0, 4, -4, -1, 1, 0,
                0, -2, -1, 2, 1, 0,
                0, 2, -1, -2, 1, 0,
                0, 4, 0, -5, 0, 1},
            new float[] {
                1f / 4, 0, 0,
                -1f / 6, -1f / 6, -1f / 6,
                -1f / 6, 1f / 6, -1f / 6,
                1f / 24, 1f / 12, 1f / 6,
                1f / 24, -1f / 12, 1f / 6,
                0, 0, 1},
            new float[] {
                1, 1, 1, 1, 1, 0,
                0, 1, -1, 2, -2, 0,
                0, 1, 1, 4, 4, 0,
                0, 1, -1, 8, -8, 1});

    /** Weights transformed for one variant and packed for kernels of one mr: one packed M×C matrix per ξν. */
    record Prepared(Variant variant, int mr, PackedA[] u) {}

    /**
     * Input channels below this leave too little GEMM (its K is the channel count) to hide the
     * transforms. Measured with each path alternating in one JVM, one thread: at 16 and 48 input
     * channels (SqueezeNet's expand layers) the direct convolution ran 35% and 45% faster than the
     * best variant, at 32 they tied, at 64 F(4×4) won by 28% (ResNet's 56×56 layer).
     */
    private static final int MIN_INPUT_CHANNELS = 64;
    /** Output channels below this leave too little GEMM to hide the transforms. */
    private static final int MIN_OUTPUT_CHANNELS = 8;

    private Winograd() {}

    /**
     * The cheaper Winograd variant for this problem, or null when the direct convolution is expected
     * to be faster or the shape is not a 3×3, stride-1, undilated, single-group 2-d convolution.
     * The estimate counts GEMM columns as the kernel computes them (whole {@code nr}-wide panels),
     * and charges Winograd 15% for its transforms; it must win by a third to be chosen. Weights that
     * are not {@code prepared} are transformed and packed on every call, which JFR put at about the
     * cost of 64 GEMM columns (half the time of a 256-channel 14×14 layer), so that is charged too.
     */
    static Variant choose(ConvGeometry g, int nr, boolean prepared) {
        if (g.inD() != 1 || g.kD() != 1 || g.kH() != 3 || g.kW() != 3 || g.sH() != 1 || g.sW() != 1
                || g.dH() != 1 || g.dW() != 1 || g.group() != 1
                || g.channels() < MIN_INPUT_CHANNELS || g.outChannels() < MIN_OUTPUT_CHANNELS) {
            return null;
        }
        // Multiply-adds per (output channel, input channel) pair.
        long direct = 9L * g.outH() * (g.outW() + 2);
        long f4 = cost(F4, g, nr, prepared), f2 = cost(F2, g, nr, prepared);
        Variant best = f4 <= f2 ? F4 : F2;
        long bestCost = Math.min(f4, f2);
        return bestCost * 4 < direct * 3 ? best : null;
    }

    private static long cost(Variant v, ConvGeometry g, int nr, boolean prepared) {
        long tiles = (long) tilesH(v, g) * (tilesW(v, g) + 1);
        long columns = (tiles + nr - 1) / nr * nr * 115 / 100 + (prepared ? 0 : 64);
        return (long) v.alpha() * v.alpha() * columns;
    }

    private static int tilesH(Variant v, ConvGeometry g) { return (g.outH() + v.m() - 1) / v.m(); }

    private static int tilesW(Variant v, ConvGeometry g) { return (g.outW() + v.m() - 1) / v.m(); }

    /** Transforms and packs the weights w[wBase..] ([M, C, 3, 3]) for repeated use. */
    static Prepared prepare(Variant v, int mr, float[] w, int wBase, int mOut, int c) {
        int a2 = v.alpha() * v.alpha(), cs = Lanes.padded(c);
        float[] u = new float[Math.multiplyExact(a2, Math.multiplyExact(mOut, cs))];
        Lanes lanes = Lanes.current();
        for (int mo = 0; mo < mOut; mo++) transformWeights(v, lanes, w, wBase, c, mOut, mo, u);
        PackedA[] packed = new PackedA[a2];
        for (int k = 0; k < a2; k++) packed[k] = PackedA.pack(mr, u, k * mOut * cs, cs, mOut, c);
        return new Prepared(v, mr, packed);
    }

    /**
     * One image: {@code y[yBase..]} (all output channels) = clamp(conv(x[xBase..]) + bias). The weights are
     * {@code w[wBase..]}, or, when {@code prepared} is not null, its cached transform of them.
     */
    static void unit(ConvGeometry g, Variant v, float[] x, int xBase, float[] w, int wBase, ConvWeights prepared,
                     float[] bias, Clamp clamp, float[] y, int yBase) {
        Lanes lanes = Lanes.current();
        Clamp cl = clamp == null ? Clamp.NONE : clamp;
        MicroKernel kern = MicroKernel.current();
        int a2 = v.alpha() * v.alpha();
        int c = g.channels(), mOut = g.outChannels();
        int tiles = tilesH(v, g) * (tilesW(v, g) + 1);
        // Row strides padded for Lanes: ts for rows over tiles, cs for rows over input channels.
        int ts = Lanes.padded(tiles), cs = Lanes.padded(c);
        // Prepared weights are packed once, for the kernel that suits packed operands of their size.
        MicroKernel gemm = prepared == null ? kern : MicroKernel.forPackedA(mOut, c);
        Prepared ready = prepared == null ? null : prepared.winograd(v, gemm.mr, mOut, c);
        float[] u = ready != null ? null : FloatScratch.take(Math.multiplyExact(a2, Math.multiplyExact(mOut, cs)));
        float[] vIn = FloatScratch.take(Math.multiplyExact(a2, Math.multiplyExact(c, ts)));
        float[] prod = FloatScratch.take(Math.multiplyExact(a2, Math.multiplyExact(mOut, ts)));
        try {
            long perChannel = (long) a2 * tiles * 8;
            if (ready == null) {
                IntraOp.parallelFor(mOut, perChannel * mOut / 4, mo -> transformWeights(v, lanes, w, wBase, c, mOut, mo, u));
            }
            IntraOp.parallelFor(c, perChannel * c, ch -> transformInput(g, v, lanes, x, xBase + ch * g.inPlane(), ch, c, vIn));
            IntraOp.parallelFor(a2, (long) a2 * mOut * c * tiles, k -> {
                BSource b = BSource.matrix(false, vIn, k * c * ts, ts);
                if (ready != null) {
                    GemmDriver.run(gemm, false, mOut, tiles, c, 1f, null, 0, 0, ready.u()[k], b, null, 0f, prod, k * mOut * ts, ts);
                } else {
                    GemmDriver.run(kern, false, mOut, tiles, c, 1f, u, k * mOut * cs, cs, b, null, 0f, prod, k * mOut * ts, ts);
                }
            });
            IntraOp.parallelFor(mOut, perChannel * mOut, mo ->
                    transformOutput(g, v, lanes, kern, prod, mo, mOut, bias == null ? 0f : bias[mo], cl, y, yBase + mo * g.outPlane()));
        } finally {
            FloatScratch.give(prod);
            FloatScratch.give(vIn);
            if (u != null) FloatScratch.give(u);
        }
    }

    /** U[ξν][mo][c] = (G w[mo][c] Gᵀ)[ξ][ν] for every input channel c, vectorised over c. */
    private static void transformWeights(Variant v, Lanes lanes, float[] w, int wBase, int c, int mOut, int mo, float[] u) {
        int alpha = v.alpha();
        int cs = Lanes.padded(c);
        float[] wt = FloatScratch.take(9 * cs);
        float[] gw = FloatScratch.take(alpha * 3 * cs);
        try {
            int src = wBase + mo * c * 9;
            for (int ch = 0; ch < c; ch++) {
                for (int t = 0; t < 9; t++) wt[t * cs + ch] = w[src + ch * 9 + t];
            }
            // gw[ξ][l] = Σ_k G[ξ][k] · w[k][l]; then U[ξν][mo] = Σ_l G[ν][l] · gw[ξ][l].
            for (int l = 0; l < 3; l++) lanes.combine(v.g(), alpha, 3, wt, l * cs, 0, 3 * cs, 1, gw, l * cs, 3 * cs, c);
            for (int xi = 0; xi < alpha; xi++) {
                lanes.combine(v.g(), alpha, 3, gw, xi * 3 * cs, 0, cs, 1, u, (xi * alpha * mOut + mo) * cs, mOut * cs, c);
            }
        } finally {
            FloatScratch.give(gw);
            FloatScratch.give(wt);
        }
    }

    /** V[ξν][ch][t] = (Bᵀ d_t B)[ξ][ν] for every tile t of one input channel. */
    private static void transformInput(ConvGeometry g, Variant v, Lanes lanes, float[] x, int xc, int ch, int c, float[] vIn) {
        int m = v.m(), alpha = v.alpha();
        int th = tilesH(v, g), w1 = tilesW(v, g) + 1;
        int tiles = th * w1, ts = Lanes.padded(tiles);
        // A shifted view starts up to w1 + 1 into its plane and reads ts floats.
        int planeLen = w1 + 1 + ts;
        float[] q = FloatScratch.take(m * m * planeLen);
        float[] tmp = FloatScratch.take(alpha * alpha * ts);
        try {
            fillPhases(g, lanes, m, x, xc, q, th + 1, w1, planeLen);
            // tmp[ξ][j] = Σ_i Bᵀ[ξ][i] · d[i][j], where d[i][j] is the shifted view of phase plane (i%m, j%m).
            for (int j = 0; j < alpha; j++) {
                lanes.inputTransform(v, q, (j % m) * planeLen + j / m, m * planeLen, w1, m, tmp, j * ts, alpha * ts, tiles);
            }
            // V[ξν] = Σ_j Bᵀ[ν][j] · tmp[ξ][j]
            for (int xi = 0; xi < alpha; xi++) {
                lanes.inputTransform(v, tmp, xi * alpha * ts, 0, ts, 1, vIn, (xi * alpha * c + ch) * ts, c * ts, tiles);
            }
        } finally {
            FloatScratch.give(tmp);
            FloatScratch.give(q);
        }
    }

    /**
     * q[a][b][I][J] = x[I·m + a - pH][J·m + b - pW] (0 outside the input), for I < rows, J < w1. Each
     * input row is split into its m column phases at once ({@link Lanes#unzip}): a gather per phase
     * had rows of 4 to 15 floats here, shorter than a vector, so it ran one float at a time (6% of
     * ResNet-18's samples in JFR, with the matching scatter in {@link #transformOutput}).
     */
    private static void fillPhases(ConvGeometry g, Lanes lanes, int m, float[] x, int xc, float[] q, int rows, int w1, int planeLen) {
        int inH = g.inH(), inW = g.inW(), pH = g.pH(), pW = g.pW();
        java.util.Arrays.fill(q, 0, m * m * planeLen, 0f);
        // Place t = J·m + b of a phase-split row reads input column t - pW.
        int to = Math.min(inW + pW, w1 * m);
        if (pW >= to) return; // every place is padding
        for (int a = 0; a < m; a++) {
            for (int r = 0; r < rows; r++) {
                int ih = r * m + a - pH;
                if (ih < 0 || ih >= inH) continue;
                lanes.unzip(m, x, xc + ih * inW - pW, q, a * m * planeLen + r * w1, planeLen, pW, to);
            }
        }
    }

    /** y[mo] = Aᵀ M A for every tile, plus bias, cropped to the output plane. */
    private static void transformOutput(ConvGeometry g, Variant v, Lanes lanes, MicroKernel kern, float[] prod, int mo,
                                        int mOut, float bias, Clamp clamp, float[] y, int yPlane) {
        int m = v.m(), alpha = v.alpha();
        int th = tilesH(v, g), tw = tilesW(v, g), w1 = tw + 1;
        int tiles = th * w1, ts = Lanes.padded(tiles);
        int outH = g.outH(), outW = g.outW();
        float[] s = FloatScratch.take(m * alpha * ts);
        float[] o = FloatScratch.take(m * m * ts);
        try {
            // s[i][ν] = Σ_ξ Aᵀ[i][ξ] · M[ξν][mo]; then o[i][j] = Σ_ν Aᵀ[j][ν] · s[i][ν].
            for (int nu = 0; nu < alpha; nu++) {
                lanes.outputTransform(v, prod, (nu * mOut + mo) * ts, alpha * mOut * ts, s, nu * ts, alpha * ts, tiles);
            }
            for (int i = 0; i < m; i++) {
                lanes.outputTransform(v, s, i * alpha * ts, ts, o, i * m * ts, ts, tiles);
            }
            for (int tr = 0; tr < th; tr++) {
                for (int i = 0; i < m; i++) {
                    int oh = tr * m + i;
                    if (oh >= outH) break;
                    int row = yPlane + oh * outW;
                    // Output column J·m + j is tile column j of tile J: phase rows i·m + j of o, interleaved.
                    lanes.zip(m, o, i * m * ts + tr * w1, ts, bias, y, row, outW);
                    // The row is complete and still in L1.
                    if (!clamp.isNone()) kern.addClamp(y, row, y, row, outW, 0f, clamp);
                }
            }
        } finally {
            FloatScratch.give(o);
            FloatScratch.give(s);
        }
    }
}
