package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX DFT: the discrete Fourier transform along one axis of a real ({@code [..., 1]}) or
 * complex ({@code [..., 2]}) signal, forward or inverse (scaled by 1/n), optionally one-sided,
 * with the signal zero-padded or truncated to {@code dftLength}. Inverse and one-sided together
 * is the inverse real transform: the input holds the first n/2+1 bins of a Hermitian spectrum
 * (n defaults to 2(m-1)) and the output is the real signal {@code [..., n, 1]}. A direct O(n²) evaluation in
 * double per signal, not an FFT.
 */
public final class Fourier {
    private Fourier() {}

    /**
     * @param axis      the signal axis, counted over all dims (negative from the end; the last dim,
     *                  which holds the real/imaginary parts, cannot be the axis)
     * @param dftLength the transform length, or 0 for the axis length
     */
    public static Tensor dft(Tensor x, int axis, long dftLength, boolean inverse, boolean onesided) {
        Args.floating("DFT", x);
        int rank = x.rank();
        if (rank < 2 || (x.shape().dim(-1) != 1 && x.shape().dim(-1) != 2)) {
            throw new IllegalArgumentException("DFT: the last dim must be 1 (real) or 2 (complex), got " + x.shape());
        }
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank - 1) throw new IllegalArgumentException("DFT: axis " + axis + " is out of range for " + x.shape());
        boolean irfft = onesided && inverse;
        int len = x.shape().dim(a);
        int n = dftLength > 0 ? (int) Math.min(dftLength, Shape.MAX_ELEMENTS) : irfft ? 2 * (len - 1) : len;
        int outLen = onesided && !inverse ? n / 2 + 1 : n;
        int comps = x.shape().dim(-1);
        int[] dims = x.shape().dims();
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= dims[i];
        for (int i = a + 1; i < rank - 1; i++) inner *= dims[i];
        int[] od = dims.clone();
        od[a] = outLen;
        od[rank - 1] = irfft ? 1 : 2;
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(od));
        double[] xd = x.toDoubleArray();
        double sign = inverse ? 1 : -1;
        double[] re = new double[n], im = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                for (int j = 0; j < n; j++) {
                    if (irfft && j >= len) {
                        // The missing half of a Hermitian spectrum: X[j] = conj(X[n - j]).
                        int mirror = n - j;
                        int p = ((o * len + mirror) * inner + in) * comps;
                        re[j] = mirror < len ? xd[p] : 0;
                        im[j] = mirror < len && comps == 2 ? -xd[p + 1] : 0;
                    } else if (j < len) {
                        int p = ((o * len + j) * inner + in) * comps;
                        re[j] = xd[p];
                        im[j] = comps == 2 ? xd[p + 1] : 0;
                    } else {
                        re[j] = 0;
                        im[j] = 0;
                    }
                }
                for (int k = 0; k < outLen; k++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < n; j++) {
                        // Reduce the angle's integer part first so large n keeps its precision.
                        double ang = sign * 2 * Math.PI * (((long) j * k) % n) / n;
                        double c = Math.cos(ang), s = Math.sin(ang);
                        sr += re[j] * c - im[j] * s;
                        si += re[j] * s + im[j] * c;
                    }
                    if (inverse) {
                        sr /= n;
                        si /= n;
                    }
                    if (irfft) {
                        out.writeDouble((o * outLen + k) * inner + in, sr);
                    } else {
                        int q = ((o * outLen + k) * inner + in) * 2;
                        out.writeDouble(q, sr);
                        out.writeDouble(q + 1, si);
                    }
                }
            }
        }
        return out;
    }
}
