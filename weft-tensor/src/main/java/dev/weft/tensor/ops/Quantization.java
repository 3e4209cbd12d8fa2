package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX QuantizeLinear and DequantizeLinear with per-tensor or per-axis scales and zero points
 * (block quantization is not supported). Quantizing rounds half to even and saturates to the
 * target integer range.
 */
public final class Quantization {
    private Quantization() {}

    /**
     * {@code y = saturate(round(x / scale) + zeroPoint)} in the zero point's dtype (uint8 when
     * {@code zeroPoint} is null). Scale and zero point are scalars or 1-D along {@code axis}.
     */
    public static Tensor quantizeLinear(Tensor x, Tensor scale, Tensor zeroPoint, int axis) {
        DType out = zeroPoint == null ? DType.UINT8 : zeroPoint.dtype();
        if (!out.isInteger()) throw new IllegalArgumentException("QuantizeLinear: only integer targets are supported, got " + out);
        double lo = DTypeRange.min(out), hi = DTypeRange.max(out);
        Tensor s = perAxis("QuantizeLinear scale", scale, x, axis);
        Tensor z = zeroPoint == null ? null : perAxis("QuantizeLinear zero point", zeroPoint, x, axis);
        Tensor y = Tensor.zeros(out, x.shape());
        Tensor xc = x.contiguous();
        for (int i = 0; i < y.size(); i++) {
            double q = Math.rint(xc.readDouble(xc.offset() + i) / s.getDouble(i)) + (z == null ? 0 : z.getLong(i));
            y.writeLong(i, (long) Math.max(lo, Math.min(hi, q)));
        }
        return y;
    }

    /** {@code y = (x - zeroPoint) * scale} in the scale's dtype. */
    public static Tensor dequantizeLinear(Tensor x, Tensor scale, Tensor zeroPoint, int axis) {
        Tensor s = perAxis("DequantizeLinear scale", scale, x, axis);
        Tensor z = zeroPoint == null ? null : perAxis("DequantizeLinear zero point", zeroPoint, x, axis);
        Tensor y = Tensor.zeros(scale.dtype(), x.shape());
        Tensor xc = x.contiguous();
        for (int i = 0; i < y.size(); i++) {
            long v = xc.readLong(xc.offset() + i) - (z == null ? 0 : z.getLong(i));
            y.writeDouble(i, v * s.getDouble(i));
        }
        return y;
    }

    /** A view of a scalar or 1-D per-axis parameter broadcast to x's shape. */
    private static Tensor perAxis(String what, Tensor p, Tensor x, int axis) {
        if (p.size() == 1) return p.reshape(Shape.scalar()).expand(x.shape());
        int ax = x.shape().normalizeAxis(axis);
        if (p.rank() != 1 || p.size() != x.shape().dim(ax)) {
            throw new IllegalArgumentException(what + " must be a scalar or have shape [" + x.shape().dim(ax) + "] for axis "
                    + axis + " of " + x.shape() + ", got " + p.shape());
        }
        int[] dims = new int[x.rank()];
        java.util.Arrays.fill(dims, 1);
        dims[ax] = p.size();
        return p.reshape(dims).expand(x.shape());
    }
}
