package dev.weft.tensor.ops;

import dev.weft.tensor.Tensor;

/**
 * ONNX RotaryEmbedding (opset 23): rotates pairs of features of each head by position-dependent
 * angles given as cos and sin caches. Input is {@code [batch, heads, seq, headSize]} or
 * {@code [batch, seq, heads * headSize]} (then {@code numHeads} is needed). Pairs are
 * {@code (i, i + rot/2)}, or adjacent {@code (2i, 2i+1)} when {@code interleaved}; features past
 * {@code rotaryDim} (0 = all) pass through. Computed in double, stored in x's dtype.
 */
public final class RotaryEmbedding {
    private RotaryEmbedding() {}

    /**
     * @param cosCache {@code [maxPos, rot/2]} when {@code positionIds} ({@code [batch, seq]}) is
     *                 given, else {@code [batch, seq, rot/2]}; sinCache likewise
     */
    public static Tensor apply(Tensor x, Tensor cosCache, Tensor sinCache, Tensor positionIds,
                               boolean interleaved, int rotaryDim, int numHeads) {
        Tensor v;
        if (x.rank() == 4) {
            v = x.transpose(0, 2, 1, 3);
        } else if (x.rank() == 3) {
            int hidden = x.shape().dim(2);
            if (numHeads <= 0 || hidden % numHeads != 0) {
                throw new IllegalArgumentException("RotaryEmbedding: a 3-D input " + x.shape() + " needs num_heads dividing " + hidden);
            }
            v = x.reshape(x.shape().dim(0), x.shape().dim(1), numHeads, hidden / numHeads);
        } else {
            throw new IllegalArgumentException("RotaryEmbedding needs a 3-D or 4-D input, got " + x.shape());
        }
        int b = v.shape().dim(0), s = v.shape().dim(1), h = v.shape().dim(2), d = v.shape().dim(3);
        int rot = rotaryDim == 0 ? d : rotaryDim;
        if (rot > d || rot % 2 != 0) throw new IllegalArgumentException("RotaryEmbedding: rotary dim " + rot + " is invalid for head size " + d);
        int half = rot / 2;
        Tensor cos = cosCache.contiguous(), sin = sinCache.contiguous();
        if (cos.shape().dim(-1) != half || sin.shape().dim(-1) != half) {
            throw new IllegalArgumentException("RotaryEmbedding: caches " + cosCache.shape() + " and " + sinCache.shape()
                    + " must end in rot/2 = " + half);
        }
        long[] pos = positionIds == null ? null : positionIds.toLongArray();
        Tensor in = v.contiguous();
        Tensor out = in.copy();
        for (int bi = 0; bi < b; bi++) {
            for (int si = 0; si < s; si++) {
                long row = pos == null ? (long) bi * s + si : pos[bi * s + si];
                if (row < 0 || (row + 1) * half > cos.size()) {
                    throw new IllegalArgumentException("RotaryEmbedding: position " + row + " is outside the cache " + cosCache.shape());
                }
                int cr = (int) row * half;
                for (int hi = 0; hi < h; hi++) {
                    int base = ((bi * s + si) * h + hi) * d;
                    for (int i = 0; i < half; i++) {
                        int i1 = interleaved ? 2 * i : i, i2 = interleaved ? 2 * i + 1 : i + half;
                        double c = cos.readDouble(cos.offset() + cr + i), sn = sin.readDouble(sin.offset() + cr + i);
                        double x1 = in.readDouble(in.offset() + base + i1), x2 = in.readDouble(in.offset() + base + i2);
                        out.writeDouble(base + i1, c * x1 - sn * x2);
                        out.writeDouble(base + i2, sn * x1 + c * x2);
                    }
                }
            }
        }
        return x.rank() == 4 ? out.transpose(0, 2, 1, 3).contiguous() : out.reshape(x.shape());
    }
}
