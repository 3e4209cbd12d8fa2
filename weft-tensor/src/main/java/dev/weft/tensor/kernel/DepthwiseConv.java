package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * Float32 depthwise convolution (one input and one output channel per group), 1-d or 2-d NCHW:
 * {@code y[n, c, oh, ow] = clamp(bias[c] + sum over kh, kw of w[c, kh, kw] * x[n, c, oh*sH - pH + kh*dH, ow*sW - pW + kw*dW])}
 * with zero padding, and an optional fused {@link Clamp} (Relu, ReLU6) applied as outputs are stored.
 *
 * <p>Per plane, the input is first split into phase planes ({@link PhasePlanes}; with stride 1 that
 * is a zero-padded copy), so every tap is a unit-stride read at a constant offset, and padding is a read of zeros.
 * Then each run of outputs is accumulated in a register over all taps, starting from the bias, and
 * stored once. Taps accumulate in (kh, kw) order with fused multiply-adds, so the Vector API path
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
        PhasePlanes layout = new PhasePlanes(g, simd ? VectorDepthwise.lanes() : 1);
        int taps = g.kH() * g.kW();
        int[] tap = layout.tapOffsets(g);
        // A few planes per task, so each task takes its scratch once.
        int tasks = Math.max(1, Math.min(planes, 4 * IntraOp.threads()));
        IntraOp.parallelFor(tasks, (long) planes * g.outPlane() * taps, t -> {
            float[] s = FloatScratch.take(layout.size);
            try {
                for (int u = (int) ((long) planes * t / tasks), e = (int) ((long) planes * (t + 1) / tasks); u < e; u++) {
                    int ch = u % g.channels();
                    float b = bias == null ? 0f : bias[ch];
                    if (simd) {
                        VectorDepthwise.plane(g, layout, tap, s, x, u * g.inPlane(), w, ch * taps, b, y, u * g.outPlane(), c);
                    } else {
                        layout.split(x, u * g.inPlane(), 0f, s);
                        plane(g, layout, tap, s, w, ch * taps, b, y, u * g.outPlane(), c);
                    }
                }
            } finally {
                FloatScratch.give(s);
            }
        });
    }

    /** The scalar twin of {@code VectorDepthwise}: one plane from its phase planes in {@code s}. */
    private static void plane(ConvGeometry g, PhasePlanes p, int[] tap, float[] s, float[] w, int wBase, float b,
                              float[] y, int yBase, Clamp clamp) {
        int outH = g.outH(), outW = g.outW();
        boolean clip = !clamp.isNone();
        for (int oh = 0; oh < outH; oh++) {
            int yr = yBase + oh * outW;
            for (int ow = 0, f = oh * p.pitch; ow < outW; ow++, f++) {
                float acc = b;
                for (int t = 0; t < tap.length; t++) acc = Math.fma(s[f + tap[t]], w[wBase + t], acc);
                y[yr + ow] = clip ? clamp.apply(acc) : acc;
            }
        }
    }
}
