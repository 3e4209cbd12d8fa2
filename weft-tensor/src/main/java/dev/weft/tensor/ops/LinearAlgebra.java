package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/** Small dense linear algebra beyond matmul: ONNX Det. Computed in double, stored in the input's dtype. */
public final class LinearAlgebra {
    private LinearAlgebra() {}

    /** ONNX Det: determinants of the square matrices in the last two axes, by LU with partial pivoting. */
    public static Tensor det(Tensor x) {
        Args.floating("Det", x);
        Args.rank("Det", x, 2);
        int m = x.shape().dim(-1);
        if (x.shape().dim(-2) != m) throw new IllegalArgumentException("Det needs square matrices, got " + x.shape());
        int[] outDims = java.util.Arrays.copyOf(x.shape().dims(), x.rank() - 2);
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(outDims));
        Tensor c = x.contiguous();
        double[] a = new double[m * m];
        for (int b = 0; b < out.size(); b++) {
            for (int i = 0; i < m * m; i++) a[i] = c.readDouble(c.offset() + b * m * m + i);
            out.writeDouble(b, luDet(a, m));
        }
        return out;
    }

    private static double luDet(double[] a, int m) {
        double det = 1;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[pivot * m + col])) pivot = r;
            if (a[pivot * m + col] == 0) return 0;
            if (pivot != col) {
                for (int k = 0; k < m; k++) {
                    double t = a[col * m + k];
                    a[col * m + k] = a[pivot * m + k];
                    a[pivot * m + k] = t;
                }
                det = -det;
            }
            double p = a[col * m + col];
            det *= p;
            for (int r = col + 1; r < m; r++) {
                double f = a[r * m + col] / p;
                if (f == 0) continue;
                for (int k = col; k < m; k++) a[r * m + k] -= f * a[col * m + k];
            }
        }
        return det;
    }
}
