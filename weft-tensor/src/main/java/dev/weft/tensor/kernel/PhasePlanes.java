package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;
import java.util.Arrays;

/**
 * The layout of one input plane copied into a scratch array so that a 2-d sliding window (depthwise
 * convolution, pooling) reads every tap at a constant offset from its output, whatever the stride,
 * padding or dilation. Immutable; one per kernel call, shared by its tasks.
 *
 * <p>The padded input {@code xpad} (fill values around the input) is split into phases
 * {@code P[a][b][i][k] = xpad[i*sH + a][k*sW + b]}, with {@code rows = outH + (kH-1)*dH/sH} rows of
 * {@code pitch = outW + (kW-1)*dW/sW} columns. Row {@code (a, i)} holds its {@code sW} column phases
 * side by side ({@code rowStride = sW*pitch} floats) and rows are stored in (a, i) order, so output
 * {@code (oh, ow)} sits at {@code oh*rowStride + ow}, and its tap {@code (kh, kw)} at that plus
 * {@link #taps}: every tap is a unit-stride run at a constant offset, and padding is a read of
 * the fill value. Because everything is written in ascending order, a copy may spill a whole vector
 * past the row it writes: what it overwrites is written afterwards. It depends only on the geometry,
 * so a {@link PoolPlan} keeps one for every call of its shape.
 *
 * <p>Scratch layout: the rows, {@code lanes + rowStride} floats of slack (whole-vector reads past the last
 * row, and spills, stay inside), {@code lanes} floats for the last narrow output row of a task, and a
 * padded-row buffer of {@code rowStride + 2*lanes} floats used by the scalar split.
 */
final class PhasePlanes {
    /** The geometry this layout is for. */
    final ConvGeometry g;
    /** The offsets of all taps from their output's position, in (kh, kw) order; only read. */
    final int[] taps;
    final int inH, inW, sH, sW, pH, pW, outH, outW, rows, pitch, rowStride;
    /** End of the rows (start of the slack), the narrow-row buffer, the padded-row buffer; total floats. */
    final int rowsEnd, tmpOff, padOff, size;
    private final int lanes;

    PhasePlanes(ConvGeometry g, int lanes) {
        this.g = g;
        inH = g.inH();
        inW = g.inW();
        sH = g.sH();
        sW = g.sW();
        pH = g.pH();
        pW = g.pW();
        outH = g.outH();
        outW = g.outW();
        rows = outH + (g.kH() - 1) * g.dH() / sH;
        pitch = outW + (g.kW() - 1) * g.dW() / sW;
        rowStride = sW * pitch;
        this.lanes = lanes;
        rowsEnd = sH * rows * rowStride;
        tmpOff = rowsEnd + lanes + rowStride;
        padOff = tmpOff + lanes;
        size = padOff + rowStride + 2 * lanes;
        taps = tapOffsets(g);
    }

    private int[] tapOffsets(ConvGeometry g) {
        int[] o = new int[g.kH() * g.kW()];
        for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
                int th = kh * g.dH(), tw = kw * g.dW();
                o[kh * g.kW() + kw] = (th % sH * rows + th / sH) * rowStride + tw % sW * pitch + tw / sW;
            }
        }
        return o;
    }

    /** Where row {@code i} of row phase {@code a} starts (its column phase b at {@code + b*pitch}). */
    int rowStart(int a, int i) { return (a * rows + i) * rowStride; }

    /** The input row that row {@code i} of row phase {@code a} comes from; outside [0, inH) for padding. */
    int sourceRow(int a, int i) { return i * sH + a - pH; }

    /**
     * The work on one plane once its input is split into the layout at {@code s[base..]}. The layout
     * and the output array come as arguments so that a body needing nothing else (max pooling) is a
     * lambda that captures nothing, which the JVM makes once rather than on every call.
     */
    @FunctionalInterface
    interface PlaneBody {
        /** {@code outLimit}: the end of the outputs of this task, which the body may scribble on up to (see VectorDepthwise). */
        void run(PhasePlanes layout, float[] s, int base, int plane, float[] y, int outLimit);
    }

    /**
     * Splits every plane of {@code x} (batch × channels of them) and runs {@code body} on it, a few planes
     * per intra-op task. Each task splits plane u+1 into the second half of its scratch before running
     * plane u: reading a small plane right after writing it stalls on store forwarding (vector loads
     * spanning several recent stores), which made 7×7 planes three times slower.
     */
    void forEachPlane(float[] x, float fill, boolean simd, float[] y, PlaneBody body) {
        forEachPlane(x, fill, simd, null, y, body);
    }

    /**
     * {@link #forEachPlane} where planes matching {@code direct} are not split: their body gets base -1.
     * When the tasks would run inline anyway they are looped over here, so no task lambda is made.
     */
    void forEachPlane(float[] x, float fill, boolean simd, java.util.function.IntPredicate direct, float[] y, PlaneBody body) {
        int planes = g.batch() * g.channels(), outPlane = g.outPlane();
        if (planes == 0 || outPlane == 0) return;
        int tasks = Math.max(1, Math.min(planes, 4 * IntraOp.threads()));
        long work = (long) planes * outPlane * g.kernelSize();
        if (IntraOp.runsInline(tasks, work)) {
            for (int t = 0; t < tasks; t++) task(t, tasks, x, fill, simd, direct, y, body);
        } else {
            IntraOp.parallelFor(tasks, work, t -> task(t, tasks, x, fill, simd, direct, y, body));
        }
    }

    /** Task {@code t} of {@code tasks}: its share of the planes, each split one ahead of its body. */
    private void task(int t, int tasks, float[] x, float fill, boolean simd, java.util.function.IntPredicate direct,
                      float[] y, PlaneBody body) {
        int planes = g.batch() * g.channels(), inPlane = g.inPlane(), outPlane = g.outPlane();
        float[] s = FloatScratch.take(2 * size);
        try {
            int u0 = (int) ((long) planes * t / tasks), e = (int) ((long) planes * (t + 1) / tasks), limit = e * outPlane;
            if (u0 < e && (direct == null || !direct.test(u0))) split(simd, x, u0 * inPlane, fill, s, 0);
            for (int u = u0; u < e; u++) {
                int cur = (u - u0) % 2 * size;
                if (u + 1 < e && (direct == null || !direct.test(u + 1))) split(simd, x, (u + 1) * inPlane, fill, s, size - cur);
                body.run(this, s, direct != null && direct.test(u) ? -1 : cur, u, y, limit);
            }
        } finally {
            FloatScratch.give(s);
        }
    }

    private void split(boolean simd, float[] x, int xBase, float fill, float[] s, int base) {
        if (simd) VectorPhasePlanes.split(this, x, xBase, fill, s, base);
        else split(x, xBase, fill, s, base);
    }

    /** Rows shorter than this are written by plain loops: the calls of arraycopy and fill cost more. */
    private static final int SHORT = 32;

    /** {@code a[from, to) = v}. */
    static void fill(float[] a, int from, int to, float v) {
        if (to - from >= SHORT) Arrays.fill(a, from, to, v);
        else for (int i = from; i < to; i++) a[i] = v;
    }

    /** {@code dst[d, d + n) = src[s, s + n)} for non-overlapping ranges. */
    static void copy(float[] src, int s, float[] dst, int d, int n) {
        if (n >= SHORT) System.arraycopy(src, s, dst, d, n);
        else for (int i = 0; i < n; i++) dst[d + i] = src[s + i];
    }

    /** Splits the plane at {@code xBase} (scalar) into the layout at {@code s[base..]} and fills the slack. */
    void split(float[] x, int xBase, float fill, float[] s, int base) {
        int padOff = base + this.padOff;
        for (int a = 0; a < sH; a++) {
            for (int i = 0; i < rows; i++) {
                int ih = sourceRow(a, i), d = base + rowStart(a, i);
                if (ih < 0 || ih >= inH) {
                    fill(s, d, d + rowStride, fill);
                } else if (sW == 1) {
                    int lead = Math.min(pW, pitch), copy = Math.max(0, Math.min(inW, pitch - lead));
                    fill(s, d, d + lead, fill);
                    copy(x, xBase + ih * inW, s, d + lead, copy);
                    fill(s, d + lead + copy, d + pitch, fill);
                } else {
                    int len = rowStride + 2 * lanes;
                    int lead = Math.min(pW, len), copy = Math.max(0, Math.min(inW, len - lead));
                    fill(s, padOff, padOff + lead, fill);
                    copy(x, xBase + ih * inW, s, padOff + lead, copy);
                    fill(s, padOff + lead + copy, padOff + len, fill);
                    for (int b = 0; b < sW; b++) {
                        for (int k = 0, src = padOff + b; k < pitch; k++, src += sW) s[d + b * pitch + k] = s[src];
                    }
                }
            }
        }
        fill(s, base + rowsEnd, base + tmpOff, fill);
    }
}
