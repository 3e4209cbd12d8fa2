package dev.weft.tensor.kernel;

/**
 * The weights of one convolution, prepared for many calls: what a kernel derives from the weights
 * alone (Winograd-transformed weights packed for the GEMM) is computed on first use and kept, so
 * that later calls skip it: Winograd-transformed weights, and the weights packed as the GEMM's
 * left operand. For ResNet-style layers that derivation costs as much as the multiply itself when
 * repeated on every call.
 *
 * <p>The weights must not change while this object is in use: it reads {@code w} when it prepares,
 * and trusts what it prepared afterwards. Thread-safe: concurrent first uses may both prepare the
 * same (equal) result; either is published safely through a volatile field.
 */
public final class ConvWeights {
    private final float[] w;
    private volatile Winograd.Prepared f2;
    private volatile Winograd.Prepared f4;
    private volatile PackedA direct;

    private ConvWeights(float[] w) {
        this.w = w;
    }

    /**
     * Wraps the whole array of contiguous float32 weights [M, C/group, kernel...] (not a copy).
     *
     * @throws IllegalArgumentException if {@code w} is null
     */
    public static ConvWeights of(float[] w) {
        if (w == null) throw new IllegalArgumentException("conv weights must not be null");
        return new ConvWeights(w);
    }

    /** True when these are the weights held in {@code array}. */
    public boolean covers(float[] array) { return array == w; }

    /** The weights (not a copy). */
    public float[] array() { return w; }

    /** The weights as one packed M×K GEMM operand (K = C·kernel taps, one group) for kernels with this mr. */
    PackedA direct(int mr, int m, int k) {
        PackedA p = direct;
        if (p != null && p.mr() == mr && p.m() == m && p.k() == k) return p;
        p = PackedA.pack(mr, w, 0, k, m, k);
        direct = p;
        return p;
    }

    /** The Winograd form for variant v and kernel tile height mr, for M output and C input channels. */
    Winograd.Prepared winograd(Winograd.Variant v, int mr, int mOut, int c) {
        Winograd.Prepared p = v == Winograd.F4 ? f4 : f2;
        if (p != null && p.mr() == mr) return p;
        p = Winograd.prepare(v, mr, w, 0, mOut, c);
        if (v == Winograd.F4) f4 = p;
        else f2 = p;
        return p;
    }
}
