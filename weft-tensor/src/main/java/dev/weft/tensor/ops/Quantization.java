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

    /** The three outputs of DynamicQuantizeLinear: uint8 data, its float scale and uint8 zero point. */
    public record Dynamic(Tensor y, Tensor scale, Tensor zeroPoint) {}

    /**
     * ONNX DynamicQuantizeLinear: uint8 quantization over the range of x widened to include 0,
     * in float32 arithmetic as ONNX specifies.
     */
    public static Dynamic dynamicQuantizeLinear(Tensor x) {
        Args.floating("DynamicQuantizeLinear", x);
        float[] v = x.toFloatArray();
        float min = 0, max = 0;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float scale = (max - min) / 255f;
        float zp = scale == 0 ? 0 : (float) Math.max(0, Math.min(255, Math.rint(0 - min / scale)));
        Tensor y = Tensor.zeros(DType.UINT8, x.shape());
        for (int i = 0; i < v.length; i++) {
            double q = scale == 0 ? zp : Math.rint(v[i] / scale) + zp;
            y.setLong(i, (long) Math.max(0, Math.min(255, q)));
        }
        return new Dynamic(y, Tensor.scalar(scale), Tensor.fromLongs(DType.UINT8, Shape.scalar(), (long) zp));
    }

    /**
     * ONNX QLinearMatMul with per-tensor scales and zero points: the exact integer product of the
     * zero-point-shifted operands, rescaled by {@code aScale * bScale / yScale} in float32,
     * rounded half to even, shifted by yZeroPoint and saturated to its dtype.
     */
    public static Tensor qlinearMatMul(Tensor a, Tensor aScale, Tensor aZeroPoint, Tensor b, Tensor bScale, Tensor bZeroPoint,
                                       Tensor yScale, Tensor yZeroPoint) {
        for (Tensor t : new Tensor[] {aScale, aZeroPoint, bScale, bZeroPoint, yScale, yZeroPoint}) {
            if (t.size() != 1) throw new IllegalArgumentException("QLinearMatMul: only per-tensor scales and zero points are supported, got " + t.shape());
        }
        Tensor acc = MatMul.matmulInteger(a, b, aZeroPoint, bZeroPoint);
        float factor = (float) aScale.getDouble(0) * (float) bScale.getDouble(0) / (float) yScale.getDouble(0);
        DType out = yZeroPoint.dtype();
        double lo = DTypeRange.min(out), hi = DTypeRange.max(out);
        long zp = yZeroPoint.getLong(0);
        Tensor y = Tensor.zeros(out, acc.shape());
        int[] data = acc.intData();
        for (int i = 0; i < data.length; i++) {
            double q = Math.rint((float) data[i] * factor) + zp;
            y.writeLong(i, (long) Math.max(lo, Math.min(hi, q)));
        }
        return y;
    }
}
