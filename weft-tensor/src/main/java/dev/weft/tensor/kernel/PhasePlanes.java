package dev.weft.tensor.kernel;

import java.util.Arrays;

/**
 * The layout of one input plane copied into a scratch array so that a 2-d sliding window (depthwise
 * convolution, pooling) reads every tap at a constant offset from its output, whatever the stride,
 * padding or dilation. Immutable; one per kernel call, shared by its tasks.
 *
 * <p>The padded input {@code xpad} (fill values around the input) is split into {@code sH × sW} phase
 * planes {@code P[a][b][i][k] = xpad[i*sH + a][k*sW + b]} of {@code rows × pitch} floats, with
 * {@code rows = outH + (kH-1)*dH/sH} and {@code pitch = outW + (kW-1)*dW/sW}. Output {@code (oh, ow)}
 * sits at flat position {@code f = oh*pitch + ow}, and its tap {@code (kh, kw)} is
 * {@code P[kh*dH mod sH][kw*dW mod sW][oh + kh*dH/sH][ow + kw*dW/sW]}, i.e. {@code s[f + tapOffset(kh, kw)]}:
 * every tap is a unit-stride run, padding is a read of the fill value, and a run of flat positions
 * may cross rows (the {@code pitch - outW} positions at the end of each row are computed and dropped).
 *
 * <p>Scratch layout: the planes, {@code lanes + pitch} floats of slack (so whole-vector reads past the
 * last flat position stay inside), a flat output buffer of {@code outH*pitch + lanes} floats for planes
 * narrower than a vector, and a padded-row buffer of {@code sW*pitch + 2*lanes} floats used while splitting.
 */
final class PhasePlanes {
    final int inH, inW, sH, sW, pH, pW, outH, outW, rows, pitch, planeSize;
    /** Start of the flat output buffer and of the padded-row buffer; total floats. */
    final int outOff, padOff, size;
    private final int lanes;

    PhasePlanes(ConvGeometry g, int lanes) {
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
        planeSize = rows * pitch;
        this.lanes = lanes;
        outOff = sH * sW * planeSize + slack();
        padOff = outOff + outH * pitch + lanes;
        size = padOff + sW * pitch + 2 * lanes;
    }

    /** Floats after the planes: whole-vector reads from the last flat positions, shifted by a tap, stay inside. */
    private int slack() { return lanes + pitch; }

    /** The flat number of output positions, garbage columns included. */
    int flat() { return outH * pitch; }

    /** The offsets of all taps, in (kh, kw) order. */
    int[] tapOffsets(ConvGeometry g) {
        int[] o = new int[g.kH() * g.kW()];
        for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
                int th = kh * g.dH(), tw = kw * g.dW();
                o[kh * g.kW() + kw] = (th % sH * sW + tw % sW) * planeSize + th / sH * pitch + tw / sW;
            }
        }
        return o;
    }

    /** Where row {@code i} of phase plane (a, b) starts. */
    int rowStart(int a, int b, int i) { return (a * sW + b) * planeSize + i * pitch; }

    /** The input row that row {@code i} of phase row-plane {@code a} comes from; outside [0, inH) for padding. */
    int sourceRow(int a, int i) { return i * sH + a - pH; }

    /**
     * Writes {@code xpad}'s columns for input row {@code ih} into the padded-row buffer:
     * {@code sW*pitch + 2*lanes} floats, the row's values at {@code [pW, pW + inW)} (clipped) and fill elsewhere.
     */
    void padRow(float[] x, int rowStart, float fill, float[] s) {
        int len = sW * pitch + 2 * lanes;
        int lead = Math.min(pW, len), copy = Math.max(0, Math.min(inW, len - lead));
        Arrays.fill(s, padOff, padOff + lead, fill);
        System.arraycopy(x, rowStart, s, padOff + lead, copy);
        Arrays.fill(s, padOff + lead + copy, padOff + len, fill);
    }

    /** Splits the plane at {@code xBase} into phase planes (scalar) and writes the slack. */
    void split(float[] x, int xBase, float fill, float[] s) {
        for (int a = 0; a < sH; a++) {
            for (int i = 0; i < rows; i++) {
                int ih = sourceRow(a, i);
                if (ih < 0 || ih >= inH) {
                    for (int b = 0; b < sW; b++) Arrays.fill(s, rowStart(a, b, i), rowStart(a, b, i) + pitch, fill);
                } else if (sW == 1) {
                    // The padded row is the phase row: write it in place.
                    int d = rowStart(a, 0, i), lead = Math.min(pW, pitch), copy = Math.max(0, Math.min(inW, pitch - lead));
                    Arrays.fill(s, d, d + lead, fill);
                    System.arraycopy(x, xBase + ih * inW, s, d + lead, copy);
                    Arrays.fill(s, d + lead + copy, d + pitch, fill);
                } else {
                    padRow(x, xBase + ih * inW, fill, s);
                    deinterleave(s, a, i, 0);
                }
            }
        }
        Arrays.fill(s, outOff - slack(), outOff, fill);
    }

    /** Phase rows (a, b, i) for every b from the padded-row buffer, columns {@code k >= from} (scalar). */
    void deinterleave(float[] s, int a, int i, int from) {
        for (int b = 0; b < sW; b++) {
            int d = rowStart(a, b, i), src = padOff + b;
            for (int k = from; k < pitch; k++) s[d + k] = s[src + k * sW];
        }
    }
}
