package dev.weft.onnx.ops;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.onnx.io.TensorProtos;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Quantization;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Quantization over the integer dtypes weft stores (8/16-bit): QuantizeLinear and
 * DequantizeLinear (per-tensor, per-axis and blocked), DynamicQuantizeLinear; and BitCast.
 * DequantizeLinear (unblocked) and DynamicQuantizeLinear call {@link Quantization}; the blocked
 * form (opset 21's {@code block_size}), which it does not take, and QuantizeLinear (ONNX rounds
 * the float32 quotient, the tensor library the double one) are computed here.
 */
final class QuantOps {
    private QuantOps() {}

    static void register(OpRegistry r) {
        r.add("QuantizeLinear", 10, c -> {
            int axis = c.attrIntExact("axis", 1);
            int block = c.attrIntExact("block_size", 0);
            DType attrType = c.has("output_dtype") && c.attrInt("output_dtype", 0) != 0
                    ? OnnxTypes.dtype((int) c.attrInt("output_dtype", 2)) : null;
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0), zp = in.size() > 2 ? in.get(2) : null;
                DType out = zp != null ? zp.dtype() : attrType != null ? attrType : DType.UINT8;
                // Not Quantization.quantizeLinear: ONNX divides in float32 before rounding, and it divides
                // in double, which rounds differently at ties (test_dynamicquantizelinear_expanded).
                Tensor scale = expand(in.get(1), x, axis, block);
                Tensor zpx = zp == null ? null : expand(zp, x, axis, block);
                Tensor y = Tensor.zeros(out, x.shape());
                double lo = min(out), hi = max(out);
                for (int i = 0; i < x.size(); i++) {
                    double q = Math.rint((float) (x.getDouble(i) / scale.getDouble(i))) + (zpx == null ? 0 : zpx.getDouble(i));
                    y.setLong(i, (long) Math.max(lo, Math.min(hi, q)));
                }
                return y;
            }), (o, ins) -> ins.size() > 2 && ins.get(2) != null ? ins.get(2) : attrType != null ? attrType : DType.UINT8);
        });
        r.add("DequantizeLinear", 10, c -> {
            int axis = c.attrIntExact("axis", 1);
            int block = c.attrIntExact("block_size", 0);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0), zp = in.size() > 2 ? in.get(2) : null;
                if (block == 0) return Quantization.dequantizeLinear(x, in.get(1), zp, axis);
                Tensor scale = expand(in.get(1), x, axis, block);
                Tensor zpx = zp == null ? null : expand(zp, x, axis, block);
                Tensor y = Tensor.zeros(in.get(1).dtype(), x.shape());
                for (int i = 0; i < x.size(); i++) {
                    y.setDouble(i, (x.getDouble(i) - (zpx == null ? 0 : zpx.getDouble(i))) * scale.getDouble(i));
                }
                return y;
            }), DTypeRule.ofInput(1));
        });
        r.add("DynamicQuantizeLinear", 11, c -> c.op(in -> {
            Quantization.Dynamic d = Quantization.dynamicQuantizeLinear(in.get(0));
            return List.of(d.y(), d.scale(), d.zeroPoint());
        }, (o, ins) -> o == 1 ? DType.FLOAT32 : DType.UINT8));
        r.add("BitCast", 26, c -> {
            DType to = OnnxTypes.dtype((int) c.attrInt("to", 1));
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                if (x.dtype().byteSize() != to.byteSize()) {
                    throw c.unsupported("bit-casting between sizes (" + x.dtype() + " to " + to + ")");
                }
                return TensorProtos.fromBytes(to, x.shape(), ByteBuffer.wrap(TensorProtos.toBytes(x)));
            }), DTypeRule.fixed(to));
        });
    }

    /** A scale or zero point broadcast to x's shape: scalar, per-axis 1-D, or blocked along axis. */
    static Tensor expand(Tensor s, Tensor x, int axis0, int block) {
        if (s.size() == 1) return s.reshape(new int[0]).expand(x.shape());
        int axis = Indexing.axis(axis0, x.rank());
        if (s.rank() == 1 && block == 0) {
            int[] d = new int[x.rank()];
            java.util.Arrays.fill(d, 1);
            d[axis] = s.size();
            return s.reshape(d).expand(x.shape());
        }
        int[] xd = x.shape().dims();
        int[] ss = Indexing.strides(s.shape().dims());
        int b = Math.max(block, 1);
        return Indexing.gatherBy(s, xd, idx -> {
            int f = 0;
            for (int i = 0; i < idx.length; i++) f += (i == axis ? idx[i] / b : idx[i]) * ss[i];
            return f;
        }, 0);
    }

    static double min(DType d) {
        return switch (d) {
            case INT8 -> -128; case INT16 -> -32768; case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    static double max(DType d) {
        return switch (d) {
            case UINT8 -> 255; case INT8 -> 127; case UINT16 -> 65535; case INT16 -> 32767;
            case INT32 -> Integer.MAX_VALUE; case UINT32 -> 4294967295.0;
            default -> Double.MAX_VALUE;
        };
    }

}
