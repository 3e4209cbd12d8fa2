package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.bench.onnx.TinyModels;
import dev.weft.tensor.kernel.Gemm;
import dev.weft.tensor.parallel.IntraOp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/** Square SGEMM, C = A·B: weft's {@link Gemm#sgemm} against ONNX Runtime's MatMul. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {

    /** Problem size and thread count shared by both sides. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"64", "256", "1024", "2048"})
        public int size;

        @Param({"1", "all"})
        public String threads;

        float[] a, b;

        @Setup
        public void fill() {
            Random rnd = new Random(1);
            a = new float[size * size];
            b = new float[size * size];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextFloat() - 0.5f;
                b[i] = rnd.nextFloat() - 0.5f;
            }
        }
    }

    /** weft's side: the output buffer and the intra-op budget. */
    @State(Scope.Benchmark)
    public static class Weft {
        float[] c;

        @Setup
        public void setup(Problem p) {
            IntraOp.setThreads(Shapes.threads(p.threads));
            c = new float[p.size * p.size];
        }
    }

    /** ONNX Runtime's side: a MatMul session and its two input tensors. */
    @State(Scope.Benchmark)
    public static class Ort {
        OrtSession session;
        Map<String, OnnxTensor> inputs;

        @Setup
        public void setup(Problem p) throws OrtException {
            session = OrtSessions.open(TinyModels.matMul(p.size, p.size, p.size), Shapes.threads(p.threads));
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            long[] shape = {p.size, p.size};
            inputs = Map.of("A", OnnxTensor.createTensor(env, direct(p.a), shape),
                    "B", OnnxTensor.createTensor(env, direct(p.b), shape));
        }

        @TearDown
        public void close() throws OrtException {
            for (OnnxTensor t : inputs.values()) t.close();
            session.close();
        }
    }

    static FloatBuffer direct(float[] data) {
        FloatBuffer buf = ByteBuffer.allocateDirect(data.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buf.put(data).flip();
        return buf;
    }

    @Benchmark
    public float[] weft(Problem p, Weft w) {
        int n = p.size;
        Gemm.sgemm(false, false, n, n, n, 1f, p.a, 0, n, p.b, 0, n, 0f, w.c, 0, n);
        return w.c;
    }

    @Benchmark
    public void ort(Ort o, Blackhole bh) throws OrtException {
        try (OrtSession.Result r = o.session.run(o.inputs)) {
            bh.consume(r.get(0));
        }
    }
}
