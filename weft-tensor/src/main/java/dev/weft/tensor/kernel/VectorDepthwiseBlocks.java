package dev.weft.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3×3 depthwise convolution of small planes, L channels at a time: one channel per vector lane, as a
 * channel-blocked layout (NCHWc) would hold them, without changing the tensor's NCHW layout.
 *
 * <p>Why: with one plane at a time, a 7×7 or 14×14 plane is a handful of short rows, and each plane
 * pays for its own set-up, edges and padding; MobileNet-v2's layers of that size ran 3 to 6.5 times
 * slower than ONNX Runtime's, which keeps them channel-blocked. Here each block of channels is first
 * gathered into a zero-padded buffer {@code t} holding, for every input position, the L channels'
 * values side by side ({@code t[(HEAD + r*wp + q)*L + lane]}, r and q counted from the first padding
 * row and column), after the block's weights and biases laid out the same way. Every output position
 * is then nine plain vector loads and fused multiply-adds with the nine per-channel weight vectors
 * held in registers, its L results stored side by side in {@code t}; finally each channel's outputs
 * are gathered back out, a run of L positions at a time, into its plane.
 *
 * <p>The sums are those of {@code VectorDepthwise} and the scalar twin in {@link DepthwiseConv}, in the
 * same order (one chain per kernel row, the first from the bias, the rows added in order, then the
 * clamp), with padding read as 0 and multiplied, so all paths agree bit for bit. A block past the
 * last channel repeats the last channel in its spare lanes, which compute that channel again and are
 * never written out.
 *
 * <p>Loaded only when {@link VectorSupport#enabled()}. Stateless, thread-safe.
 */
final class VectorDepthwiseBlocks {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Widest output row taken here. Wider planes have rows long enough for the row kernels, and a
     * block's buffer (L padded input planes) would no longer stay in L2.
     */
    static final int MAX_OUT_W = 28;
    /** Vectors at the head of a block's buffer: the nine taps' weights, then the bias, one lane per channel. */
    private static final int HEAD = 10;

    private VectorDepthwiseBlocks() {}

    /**
     * True for 2-d 3×3 undilated depthwise planes with stride 1 or 2 whose rows the row kernels fill
     * poorly: stride-2 rows narrower than a vector, stride-1 rows of at most half a vector (7×7) or
     * between one vector and {@link #MAX_OUT_W} (28×28, which the row kernels take through a
     * phase-plane copy). Input and output planes must hold a vector, and there must be half a block
     * of channels. Alternating with the row kernels in one JVM, one thread (MobileNet-v2's layers):
     * 0.37 of the time at 576 × 14×14 → 7×7, 0.64 at 192 × 28×28 → 14×14, 0.67 at 192 × 28×28
     * stride 1, 0.66 to 0.86 at 960 × 7×7; but 1.13 at 14×14 stride 1 (rows fill 14 of 16 lanes there)
     * and 1.72 at 56×56 → 28×28, which are left to the row kernels.
     */
    static boolean applies(ConvGeometry g) {
        if (L < 4 || g.inD() != 1 || g.kD() != 1 || g.outD() != 1 || g.kH() != 3 || g.kW() != 3 || g.dH() != 1 || g.dW() != 1
                || g.sH() != g.sW() || g.sW() > 2 || g.outW() > MAX_OUT_W || g.outH() > MAX_OUT_W
                || g.inPlane() < L || g.outPlane() < L || g.channels() < L / 2) {
            return false;
        }
        int w = g.outW();
        return g.sW() == 2 ? w < L : w <= L / 2 || w > L;
    }

    /** Blocks per image. */
    static int blocks(ConvGeometry g) {
        return (g.channels() + L - 1) / L;
    }

    /** Channels [c0, c0 + L) of image n (fewer at the end), from {@code x} into {@code y}. */
    static void block(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Clamp clamp, int n, int c0) {
        int last = Math.min(L, g.channels() - c0) - 1;
        int hp = (g.outH() - 1) * g.sH() + 3, wp = (g.outW() - 1) * g.sW() + 3;
        int in = HEAD * L, out = in + hp * wp * L;
        float[] t = FloatScratch.take(out + g.outPlane() * L);
        int[] maps = ScratchPool.INTS.take(2 * L);
        try {
            for (int i = 0; i < L; i++) {
                int c = c0 + Math.min(i, last);
                for (int k = 0; k < 9; k++) t[k * L + i] = w[c * 9 + k];
                t[9 * L + i] = bias == null ? 0f : bias[c];
                maps[i] = Math.min(i, last) * g.inPlane(); // lane i's plane
                maps[L + i] = i * L;                       // position i of a run of outputs
            }
            int first = n * g.channels() + c0;
            load(g, x, first * g.inPlane(), maps, t, in, hp, wp);
            convolve(g, t, in, wp, out, clamp);
            store(g, t, out, last, maps, y, first * g.outPlane());
        } finally {
            ScratchPool.INTS.give(maps);
            FloatScratch.give(t);
        }
    }

    /**
     * Fills t's padded input (hp × wp positions of L lanes, from {@code t[in]}) from the block's planes
     * at {@code xBase}, one gather per position (zeros in the padding). Gathers beat transposing runs
     * of L positions in registers: on JDK 25 a two-vector lane selection costs about as much as a
     * gather of L lanes, and a transpose needs four per row.
     */
    private static void load(ConvGeometry g, float[] x, int xBase, int[] maps, float[] t, int in, int hp, int wp) {
        int inH = g.inH(), inW = g.inW(), pH = g.pH(), pW = g.pW();
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0; r < hp; r++) {
            int ih = r - pH, row = in + r * wp * L, src = xBase + ih * inW - pW;
            for (int q = 0; q < wp; q++) {
                int iw = q - pW;
                if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) zero.intoArray(t, row + q * L);
                else FloatVector.fromArray(S, x, src + q, maps, 0).intoArray(t, row + q * L);
            }
        }
    }

    /**
     * Writes t's outputs (a position of L lanes each, from {@code t[out]}) to the block's planes at
     * {@code yBase}: per channel, each run of L positions is one gather from t and one plain store (a
     * scatter of each position to the L planes cost twice as much). The last run overlaps the one
     * before it.
     */
    private static void store(ConvGeometry g, float[] t, int out, int last, int[] maps, float[] y, int yBase) {
        int outPlane = g.outPlane();
        for (int c = 0; c <= last; c++) {
            int dst = yBase + c * outPlane;
            for (int q0 = 0; q0 < outPlane; q0 += L) {
                int q = Math.min(q0, outPlane - L);
                FloatVector.fromArray(S, t, out + q * L + c, maps, L).intoArray(y, dst + q);
            }
        }
    }

    // The loop below is written out tap by tap, with nothing else in it: see VectorDepthwiseRows for
    // what C2 does with vectors carried by loops or chosen by branches.

    /** Output (oh, ow) reads positions (s·oh + kh, s·ow + kw) of the padded input, s the stride. */
    private static void convolve(ConvGeometry g, float[] t, int in, int wp, int out, Clamp clamp) {
        FloatVector w0 = FloatVector.fromArray(S, t, 0), w1 = FloatVector.fromArray(S, t, L);
        FloatVector w2 = FloatVector.fromArray(S, t, 2 * L), w3 = FloatVector.fromArray(S, t, 3 * L);
        FloatVector w4 = FloatVector.fromArray(S, t, 4 * L), w5 = FloatVector.fromArray(S, t, 5 * L);
        FloatVector w6 = FloatVector.fromArray(S, t, 6 * L), w7 = FloatVector.fromArray(S, t, 7 * L);
        FloatVector w8 = FloatVector.fromArray(S, t, 8 * L), b = FloatVector.fromArray(S, t, 9 * L);
        FloatVector zero = FloatVector.zero(S);
        FloatVector lo = FloatVector.broadcast(S, clamp.lo()), hi = FloatVector.broadcast(S, clamp.hi());
        int outH = g.outH(), outW = g.outW(), row = wp * L, s = g.sW(), step = s * L;
        for (int oh = 0, o = out; oh < outH; oh++) {
            for (int ow = 0, p = in + s * oh * row; ow < outW; ow++, p += step, o += L) {
                FloatVector a0 = FloatVector.fromArray(S, t, p).fma(w0, b);
                FloatVector a1 = FloatVector.fromArray(S, t, p + row).fma(w3, zero);
                FloatVector a2 = FloatVector.fromArray(S, t, p + 2 * row).fma(w6, zero);
                a0 = FloatVector.fromArray(S, t, p + L).fma(w1, a0);
                a1 = FloatVector.fromArray(S, t, p + row + L).fma(w4, a1);
                a2 = FloatVector.fromArray(S, t, p + 2 * row + L).fma(w7, a2);
                a0 = FloatVector.fromArray(S, t, p + 2 * L).fma(w2, a0);
                a1 = FloatVector.fromArray(S, t, p + row + 2 * L).fma(w5, a1);
                a2 = FloatVector.fromArray(S, t, p + 2 * row + 2 * L).fma(w8, a2);
                // Clamped even without a clamp: bounds of ±infinity change no value (NaN and -0 included).
                FloatVector sum = a0.add(a1).add(a2);
                sum.blend(lo, sum.compare(VectorOperators.LE, lo)).blend(hi, sum.compare(VectorOperators.GE, hi)).intoArray(t, o);
            }
        }
    }
}
