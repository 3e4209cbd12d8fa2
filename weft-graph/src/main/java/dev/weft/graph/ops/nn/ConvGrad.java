package dev.weft.graph.ops.nn;

import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.List;

/**
 * The gradient of {@link Conv2d} with respect to its input ({@code toInput}) or its weights:
 * inputs {@code (dY, x, w)}; the output has the shape of x or of w. Accumulates in double.
 */
record ConvGrad(int stride, int pad, boolean toInput) implements SimpleOp {
    @Override
    public String name() { return toInput ? "ConvGradInput" : "ConvGradWeight"; }

    @Override
    public TensorType inferType(List<TensorType> in) {
        SimpleOp.requireArity(this, in, 3);
        return toInput ? in.get(1) : in.get(2);
    }

    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor dy = in.get(0).contiguous(), x = in.get(1).contiguous(), w = in.get(2).contiguous();
        int n = x.shape().dim(0), c = x.shape().dim(1), h = x.shape().dim(2), wd = x.shape().dim(3);
        int m = w.shape().dim(0), k = w.shape().dim(2);
        int oh = dy.shape().dim(2), ow = dy.shape().dim(3);
        double[] gy = dy.castTo(DType.FLOAT64).doubleData();
        double[] xs = x.castTo(DType.FLOAT64).doubleData();
        double[] ws = w.castTo(DType.FLOAT64).doubleData();
        double[] out = new double[toInput ? xs.length : ws.length];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < m; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double g = gy[((b * m + o) * oh + oy) * ow + ox];
                        if (g == 0) continue;
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * stride - pad + ky;
                                if (iy < 0 || iy >= h) continue;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * stride - pad + kx;
                                    if (ix < 0 || ix >= wd) continue;
                                    int xi = ((b * c + ch) * h + iy) * wd + ix;
                                    int wi = ((o * c + ch) * k + ky) * k + kx;
                                    if (toInput) out[xi] += g * ws[wi];
                                    else out[wi] += g * xs[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor result = Tensor.of(out, (toInput ? x : w).shape().dims());
        return result.castTo(x.dtype());
    }
}
