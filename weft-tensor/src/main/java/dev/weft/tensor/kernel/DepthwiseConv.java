package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * Float32 depthwise convolution (one input and one output channel per group), 1-d or 2-d NCHW:
 * {@code y[n, c, oh, ow] = clamp(bias[c] + sum over kh, kw of w[c, kh, kw] * x[n, c, oh*sH - pH + kh*dH, ow*sW - pW + kw*dW])}
 * with zero padding, and an optional fused {@link Clamp} (Relu, ReLU6) applied as outputs are stored.
 *
 * <p>Small 3×3 planes are taken a block of channels at a time, one channel per vector lane
 * ({@code VectorDepthwiseBlocks}). Other 3×3 stride-2 planes, and stride-1 planes wider than a vector,
 * are read straight from the input rows ({@code VectorDepthwiseRows}). Other
 * planes are handled as follows. Per plane, the input is first split into phase planes ({@link PhasePlanes}; with stride 1 that
 * is a zero-padded copy), so every tap is a unit-stride read at a constant offset, and padding is a read of zeros.
 * Then each run of outputs is accumulated in registers over all taps and stored once: one chain of
 * fused multiply-adds per kernel row (the first starting from the bias, the others from 0), summed in
 * kernel-row order. The order is fixed, so the Vector API path
 * ({@code VectorDepthwise}, when {@link VectorSupport#enabled()}) and the scalar path give
 * bit-identical results. Planes are split across the intra-op pool. Arrays are contiguous and sized
 * by the caller; stateless and thread-safe.
 */
public final class DepthwiseConv {
    private DepthwiseConv() {}

    /** True when {@code g} is a depthwise convolution this class runs (1-d or 2-d, one channel per group). */
    public static boolean applies(ConvGeometry g) {
        return g.group() == g.channels() && g.outChannels() == g.channels() && DirectConv.applies(g);
    }

    /** Runs the convolution; {@code bias} may be null, {@code clamp} null means none. {@code y} is fully overwritten. */
    public static void conv(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Clamp clamp) {
        if (!applies(g)) throw new IllegalArgumentException("not a 1-d or 2-d depthwise convolution: " + g);
        int planes = g.batch() * g.channels();
        if (planes == 0 || g.outPlane() == 0) return;
        Clamp c = clamp == null ? Clamp.NONE : clamp;
        boolean simd = VectorSupport.enabled();
        // Small 3×3 planes, a block of channels at a time, one per vector lane.
        if (simd && VectorDepthwiseBlocks.applies(g)) {
            int perImage = VectorDepthwiseBlocks.blocks(g), lanes = VectorDepthwise.lanes();
            IntraOp.parallelFor(g.batch() * perImage, (long) planes * g.outPlane() * 9,
                    u -> VectorDepthwiseBlocks.block(g, x, w, bias, y, c, u / perImage, u % perImage * lanes));
            return;
        }
        // 3×3 planes with stride 2, or stride 1 and wide rows, read straight from the input rows.
        if (simd && VectorDepthwiseRows.applies(g)) {
            int taps3 = 9;
            IntraOp.parallelFor(planes, (long) planes * g.outPlane() * taps3, u -> {
                int ch = u % g.channels();
                VectorDepthwiseRows.plane(g, x, u * g.inPlane(), w, ch * taps3, bias == null ? 0f : bias[ch], y, u * g.outPlane(), c);
            });
            return;
        }
        PhasePlanes layout = new PhasePlanes(g, simd ? VectorDepthwise.lanes() : 1);
        int taps = g.kH() * g.kW();
        int[] tap = layout.taps;
        // Small stride-1 planes are read straight from the input when the vector reads stay inside it.
        java.util.function.IntPredicate direct = simd && VectorDepthwiseSmall.applies(g)
                ? u -> VectorDepthwiseSmall.inBounds(g, x, u * g.inPlane()) : null;
        layout.forEachPlane(x, 0f, simd, direct, y, (l, s, base, u, out, limit) -> {
            int ch = u % g.channels();
            float b = bias == null ? 0f : bias[ch];
            if (base < 0) VectorDepthwiseSmall.plane(g, x, u * g.inPlane(), w, ch * taps, b, y, u * g.outPlane(), limit, c, s, layout.tmpOff);
            else if (simd) VectorDepthwise.plane(g, layout, tap, s, base, w, ch * taps, b, y, u * g.outPlane(), limit, c);
            else plane(g, layout, tap, s, base, w, ch * taps, b, y, u * g.outPlane(), c);
        });
    }

    /** The scalar twin of {@code VectorDepthwise}: the same sums in the same order, one output at a time. */
    private static void plane(ConvGeometry g, PhasePlanes p, int[] tap, float[] s, int base, float[] w, int wBase, float b,
                              float[] y, int yBase, Clamp clamp) {
        int outH = g.outH(), outW = g.outW(), kH = g.kH(), kW = g.kW();
        boolean clip = !clamp.isNone();
        for (int oh = 0; oh < outH; oh++) {
            int yr = yBase + oh * outW;
            for (int ow = 0, f = base + oh * p.rowStride; ow < outW; ow++, f++) {
                float acc = b;
                for (int kh = 0, t = 0; kh < kH; kh++) {
                    float part = kh == 0 ? b : 0f;
                    for (int kw = 0; kw < kW; kw++, t++) part = Math.fma(s[f + tap[t]], w[wBase + t], part);
                    acc = kh == 0 ? part : acc + part;
                }
                y[yr + ow] = clip ? clamp.apply(acc) : acc;
            }
        }
    }
}
