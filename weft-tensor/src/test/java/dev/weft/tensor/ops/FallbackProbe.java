package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;

/**
 * Runs a spread of ops and prints their results as text. {@link NoVectorModuleTest} runs it in a
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
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, Tensor t) {
        sb.append(name).append(':');
        for (float f : t.toFloatArray()) sb.append(' ').append(Float.floatToIntBits(f));
        sb.append('\n');
    }
}
