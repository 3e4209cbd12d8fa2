package dev.weft.tensor.kernel;

import java.util.Arrays;

/**
 * The layout of one input plane copied into a scratch array so that a 2-d sliding window (depthwise
 * convolution, pooling) reads every tap as a unit-stride run of columns, whatever the stride, padding
 * or dilation. Immutable; one per kernel call, shared by its tasks.
 *
 * <p>Each input row {@code ih} is split into {@code sW} phase rows of {@code rowLen} floats:
 * {@code phase r, column j = xpad[j*sW + r]}, where {@code xpad} is the row with {@code pW} fill values in
 * front and fill values after it. Output column {@code ow}'s tap {@code kw} is then at
 * {@code rowBase(ih) + tapOffset(kw) + ow}. Rows outside the input (vertical padding, or ceil-mode
 * windows past the end) map to a block of fill rows, so the loops need no bounds checks. {@code rowLen}
 * is a multiple of the lane count and covers {@code roundUp(outW, lanes)} outputs for every tap, so
 * whole-vector loads never leave the row.
 *
 * <p>Scratch layout: {@code inH * sW} phase rows, then {@code sW} fill rows, then one padded-row
 * buffer of {@code sW * rowLen} floats used while splitting, then {@code lanes} floats where vector
 * kernels store a row narrower than one vector.
 */
final class PhaseRows {
    final int inH, inW, sW, pW, dW, rowLen;
    private final int size;
    /** Start of the fill rows, of the padded-row buffer, and of the narrow-row buffer. */
    final int fillOff, padOff, tmpOff;

    PhaseRows(ConvGeometry g, int lanes) {
        inH = g.inH();
        inW = g.inW();
        sW = g.sW();
        pW = g.pW();
        dW = g.dW();
        int qMax = (g.kW() - 1) * dW / sW;
        rowLen = roundUp(roundUp(g.outW(), lanes) + qMax, lanes);
        fillOff = inH * sW * rowLen;
        padOff = fillOff + sW * rowLen;
        tmpOff = padOff + sW * rowLen;
        size = tmpOff + lanes;
    }

    static int roundUp(int v, int m) { return (v + m - 1) / m * m; }

    /** Floats of scratch this layout needs. */
    int size() { return size; }

    /** Where input row {@code ih}'s phase rows start; the fill rows when {@code ih} is outside the input. */
    int rowBase(int ih) { return ih >= 0 && ih < inH ? ih * sW * rowLen : fillOff; }

    /** Offset of tap {@code kw} from {@link #rowBase}. */
    int tapOffset(int kw) {
        int t = kw * dW;
        return t % sW * rowLen + t / sW;
    }

    /** The tap offsets of a kernel {@code kW} wide. */
    int[] tapOffsets(int kW) {
        int[] o = new int[kW];
        for (int kw = 0; kw < kW; kw++) o[kw] = tapOffset(kw);
        return o;
    }

    /** Writes the fill rows. */
    void fillRows(float[] s, float fill) { Arrays.fill(s, fillOff, fillOff + sW * rowLen, fill); }

    /**
     * Writes {@code xpad} for input row {@code ih} into the padded-row buffer: {@code sW * rowLen}
     * floats, the row's values at {@code [pW, pW + inW)} (clipped) and {@code fill} elsewhere.
     */
    void padRow(float[] x, int xBase, int ih, float fill, float[] s) {
        int len = sW * rowLen;
        int lead = Math.min(pW, len), copy = Math.max(0, Math.min(inW, len - lead));
        Arrays.fill(s, padOff, padOff + lead, fill);
        System.arraycopy(x, xBase + ih * inW, s, padOff + lead, copy);
        Arrays.fill(s, padOff + lead + copy, padOff + len, fill);
    }

    /** Splits every input row of the plane at {@code xBase} into phase rows, and writes the fill rows (scalar). */
    void split(float[] x, int xBase, float fill, float[] s) {
        fillRows(s, fill);
        for (int ih = 0; ih < inH; ih++) {
            int dst = ih * sW * rowLen;
            if (sW == 1) {
                // The padded row is the phase row: write it in place.
                int lead = Math.min(pW, rowLen), copy = Math.max(0, Math.min(inW, rowLen - lead));
                Arrays.fill(s, dst, dst + lead, fill);
                System.arraycopy(x, xBase + ih * inW, s, dst + lead, copy);
                Arrays.fill(s, dst + lead + copy, dst + rowLen, fill);
            } else {
                padRow(x, xBase, ih, fill, s);
                deinterleave(s, dst, 0);
            }
        }
    }

    /** Phase rows at {@code dst} from the padded-row buffer, for columns {@code j >= from} (scalar). */
    void deinterleave(float[] s, int dst, int from) {
        for (int r = 0; r < sW; r++) {
            int d = dst + r * rowLen, src = padOff + r;
            for (int j = from; j < rowLen; j++) s[d + j] = s[src + j * sW];
        }
    }
}
