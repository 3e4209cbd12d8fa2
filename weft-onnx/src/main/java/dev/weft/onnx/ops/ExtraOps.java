package dev.weft.onnx.ops;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Assembly;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.Generators;
import dev.weft.tensor.ops.LinearAlgebra;
import dev.weft.tensor.ops.Unary;
import dev.weft.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Less common ops: window functions, Det, ReverseSequence, CenterCropPad (these four call
 * {@link Generators}, {@link LinearAlgebra} and {@link Assembly}), integer and quantized matmul/conv.
 */
final class ExtraOps {
    private ExtraOps() {}

    static void register(OpRegistry r) {
        window(r, "HannWindow", Generators.Window.HANN);
        window(r, "HammingWindow", Generators.Window.HAMMING);
        window(r, "BlackmanWindow", Generators.Window.BLACKMAN);
        r.add("Det", 11, c -> c.op(Kernel.single(in -> LinearAlgebra.det(in.get(0)))));
        r.add("ReverseSequence", 10, c -> {
            int batchAxis = c.attrIntExact("batch_axis", 1), timeAxis = c.attrIntExact("time_axis", 0);
            return c.op(Kernel.single(in -> Assembly.reverseSequence(in.get(0), in.get(1), batchAxis, timeAxis)));
        });
        r.add("CenterCropPad", 18, c -> {
            long[] axes = c.attrInts("axes");
            return c.op(Kernel.single(in -> {
                int[] ax = null;
                if (axes != null) {
                    ax = new int[axes.length];
                    for (int i = 0; i < ax.length; i++) ax[i] = Indexing.axis(axes[i], in.get(0).rank());
                }
                return Assembly.centerCropPad(in.get(0), in.get(1).toLongArray(), ax);
            }));
        });
        r.add("MatMulInteger", 10, c -> c.op(Kernel.single(in -> {
            Tensor a = shift(in.get(0), in.size() > 2 ? in.get(2) : null, true);
            Tensor b = shift(in.get(1), in.size() > 3 ? in.get(3) : null, false);
            return dev.weft.tensor.ops.MatMul.matmul(a, b).castTo(DType.INT32);
        }), DTypeRule.fixed(DType.INT32)));
        r.add("ConvInteger", 10, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1);
            return c.op(Kernel.single(in -> {
                Tensor x = Binary.sub(in.get(0).castTo(DType.FLOAT32),
                        in.size() > 2 && in.get(2) != null ? in.get(2).castTo(DType.FLOAT32) : Tensor.scalar(0f));
                Tensor wzp = in.size() > 3 && in.get(3) != null ? in.get(3).castTo(DType.FLOAT32) : Tensor.scalar(0f);
                if (wzp.rank() == 1 && wzp.size() > 1) {
                    // One zero point per output channel: it applies along the weights' axis 0.
                    int[] d = new int[in.get(1).rank()];
                    java.util.Arrays.fill(d, 1);
                    d[0] = wzp.size();
                    wzp = wzp.reshape(d);
                }
                Tensor w = Binary.sub(in.get(1).castTo(DType.FLOAT32), wzp);
                return Unary.apply(UnaryOp.ROUND, NnOps.conv(x, w, null, a, group)).castTo(DType.INT32);
            }), DTypeRule.fixed(DType.INT32));
        });
        r.add("QLinearMatMul", 10, c -> c.op(Kernel.single(in -> {
            Tensor a = dequant(in.get(0), in.get(1), in.get(2)), b = dequant(in.get(3), in.get(4), in.get(5));
            Tensor y = dev.weft.tensor.ops.MatMul.matmul(a, b);
            double ys = in.get(6).getDouble(0), zp = in.get(7).getDouble(0);
            DType out = in.get(7).dtype();
            Tensor q = Tensor.zeros(out, y.shape());
            for (int i = 0; i < y.size(); i++) {
                double v = Math.rint(y.getDouble(i) / ys) + zp;
                q.setLong(i, (long) Math.max(QuantOps.min(out), Math.min(QuantOps.max(out), v)));
            }
            return q;
        }), DTypeRule.ofInput(7)));
    }

    private static Tensor dequant(Tensor x, Tensor scale, Tensor zp) {
        double s = scale.getDouble(0), z = zp.getDouble(0);
        return Unary.map(x.castTo(DType.FLOAT64), v -> (v - z) * s);
    }

    /** x minus its zero point (per tensor, per row of A, or per column of B), as int64. */
    private static Tensor shift(Tensor x, Tensor zp, boolean rows) {
        Tensor xl = x.castTo(DType.INT64);
        if (zp == null) return xl;
        Tensor z = zp.castTo(DType.INT64);
        if (z.size() > 1 && rows) z = z.reshape(z.size(), 1);
        return Binary.sub(xl, z);
    }

    private static void window(OpRegistry r, String name, Generators.Window kind) {
        r.add(name, 17, c -> {
            DType dt = OnnxTypes.dtype((int) c.attrInt("output_datatype", 1));
            boolean periodic = c.attrInt("periodic", 1) != 0;
            return c.op(Kernel.single(in -> Generators.window(kind, Math.max(0, in.get(0).getLong(0)), periodic, dt)),
                    DTypeRule.fixed(dt));
        });
    }

    static List<Tensor> list(Tensor... ts) { return new ArrayList<>(List.of(ts)); }
}
