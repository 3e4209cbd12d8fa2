package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import dev.weft.tensor.nn.PoolParams;
import dev.weft.tensor.nn.Pooling;
import java.util.Random;

/**
 * Runs a spread of ops and kernels (GEMM, each convolution path, planned pools) and prints their
 * results as text. {@link NoVectorModuleTest} runs it in a
 * JVM without {@code jdk.incubator.vector} and compares with the scalar path in-process.
 */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        System.out.println("module=" + VectorSupport.modulePresent() + " enabled=" + VectorSupport.enabled());
        System.out.print(run());
    }

    static String run() {
        Random rnd = new Random(99);
        float[] data = new float[3 * 37];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextFloat() * 6 - 3;
        Tensor x = Tensor.of(data, 3, 37);
        Tensor row = x.slice(0, 0, 1, 1).reshape(37);
        StringBuilder sb = new StringBuilder();
        for (UnaryOp op : UnaryOp.values()) if (op.hasFloatForm()) line(sb, op.name(), Unary.apply(op, x));
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX, BinaryOp.PRELU}) {
            line(sb, op.name(), Binary.apply(op, x, row));
            line(sb, op.name() + "-scalar", Binary.apply(op, x, Tensor.scalar(0.5f)));
        }
        line(sb, "pow", Binary.pow(Unary.abs(x), Tensor.scalar(2f)));
        for (ReduceOp op : ReduceOp.values()) {
            Tensor in = op == ReduceOp.LOG_SUM ? Unary.abs(x) : x;
            line(sb, "reduce-" + op, Reductions.reduce(op, in, new int[] {1}, false));
            line(sb, "reduce0-" + op, Reductions.reduce(op, in, new int[] {0}, false));
        }
        line(sb, "softmax", Softmax.softmax(x, -1));
        line(sb, "logsoftmax", Softmax.logSoftmax(x, 0));
        line(sb, "layernorm", Normalization.layerNorm(x, row, row, -1, 1e-5).y());
        Tensor nchw = x.reshape(1, 3, 37, 1);
        Tensor c3 = Tensor.of(new float[] {1, 2, 3}, 3);
        line(sb, "batchnorm", Normalization.batchNorm(nchw, c3, c3, c3, c3, 1e-5));
        line(sb, "clip", Activations.clip(x, -1, 1));
        line(sb, "leaky", Activations.leakyRelu(x, 0.1));
        line(sb, "cast", Tensor.zeros(DType.FLOAT32, Shape.of(2)).castTo(DType.FLOAT16).castTo(DType.FLOAT32));
        kernels(sb, rnd);
        return sb.toString();
    }

    /** The kernels an imported model runs, each with a shape that takes a different path. */
    private static void kernels(StringBuilder sb, Random rnd) {
        line(sb, "matmul", MatMul.matmul(random(rnd, 13, 40), random(rnd, 40, 37)));
        Tensor img = random(rnd, 1, 8, 12, 12);
        ConvParams pad1 = ConvParams.defaults().withPads(1, 1, 1, 1);
        line(sb, "conv3x3", Convolution.conv(img, random(rnd, 16, 8, 3, 3), random(rnd, 16), pad1));
        line(sb, "conv1x1", Convolution.conv(img, random(rnd, 16, 8, 1, 1), null, ConvParams.defaults()));
        line(sb, "conv-stride2", Convolution.conv(img, random(rnd, 4, 8, 3, 3), null, pad1.withStrides(2, 2)));
        line(sb, "conv-depthwise", Convolution.conv(img, random(rnd, 8, 1, 3, 3), null, pad1.withGroup(8)));
        // Prepared weights, as a model's are: packed once for the GEMM, and with 64 channels on a
        // 16×16 plane the cost model picks Winograd (with raw weights it would stay direct).
        Tensor w3 = random(rnd, 16, 8, 3, 3);
        line(sb, "conv3x3-prepared", Convolution.conv(img, w3, Convolution.prepare(w3), null, pad1, null));
        Tensor wide = random(rnd, 1, 64, 16, 16), w64 = random(rnd, 64, 64, 3, 3);
        line(sb, "conv-winograd", Convolution.conv(wide, w64, Convolution.prepare(w64), null, pad1, null));
        PoolParams pool = new PoolParams(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1, 1, 1}, null, false);
        line(sb, "maxpool", Pooling.maxPool(Pooling.maxPoolPlan(img, pool), img));
        line(sb, "averagepool", Pooling.averagePool(Pooling.averagePoolPlan(img, pool, false), img));
        line(sb, "globalaverage", Pooling.globalAverage(img));
    }

    private static Tensor random(Random rnd, int... shape) {
        float[] v = new float[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return Tensor.of(v, shape);
    }

    private static void line(StringBuilder sb, String name, Tensor t) {
        sb.append(name).append(':');
        for (float f : t.toFloatArray()) sb.append(' ').append(Float.floatToIntBits(f));
        sb.append('\n');
    }
}
