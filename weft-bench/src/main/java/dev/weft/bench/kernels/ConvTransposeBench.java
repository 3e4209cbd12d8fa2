package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.bench.onnx.TinyModels;
import dev.weft.tensor.kernel.TransposedConv;
import dev.weft.tensor.parallel.IntraOp;
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

/**
 * Decoder-style transposed convolutions (batch 1, with bias): weft's {@link TransposedConv} kernel
 * against ONNX Runtime's ConvTranspose with the weights as initializers. Both allocate their
 * output per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvTransposeBench {
    /** The layers, {@code "in,h,out,kernel,stride,pad"}: a DCGAN-style 4×4 up-sampling, a U-Net 2×2 up-convolution, a 3×3 stride 1. */
    static final String[] LAYERS = {"64,28,32,4,2,1", "256,14,128,2,2,0", "32,56,16,3,1,1"};

    /** Multiply-adds ×2 of a layer: every input element meets every tap of every output channel. */
    static double flops(String layer) {
        String[] f = layer.split(",");
        double c = Double.parseDouble(f[0]), h = Double.parseDouble(f[1]), m = Double.parseDouble(f[2]), k = Double.parseDouble(f[3]);
        return 2 * c * h * h * m * k * k;
    }

    /** One layer, {@code "in,h,out,kernel,stride,pad"}, and the thread count shared by both sides. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"64,28,32,4,2,1", "256,14,128,2,2,0", "32,56,16,3,1,1"})
        public String layer;

        @Param({"1", "all"})
        public String threads;

        int c, h, m, k, s, p, out;
        float[] x, w, b;

        @Setup
        public void fill() {
            String[] f = layer.split(",");
            c = Integer.parseInt(f[0]);
            h = Integer.parseInt(f[1]);
            m = Integer.parseInt(f[2]);
            k = Integer.parseInt(f[3]);
            s = Integer.parseInt(f[4]);
            p = Integer.parseInt(f[5]);
            out = s * (h - 1) + k - 2 * p;
            Random rnd = new Random(2);
            x = Shapes.uniform(rnd, c * h * h, 1f);
            w = Shapes.uniform(rnd, c * m * k * k, 1f);
            b = Shapes.uniform(rnd, m, 1f);
        }
    }

    /** weft's side: the kernel's geometry. */
    @State(Scope.Benchmark)
    public static class Weft {
        TransposedConv.Geometry g;

        @Setup
        public void setup(Problem p) {
            IntraOp.setThreads(Shapes.threads(p.threads));
            g = new TransposedConv.Geometry(1, p.c, p.m, 1, new int[] {p.h, p.h}, new int[] {p.k, p.k},
                    new int[] {p.s, p.s}, new int[] {p.p, p.p}, new int[] {1, 1}, new int[] {p.out, p.out});
        }
    }

    /** ONNX Runtime's side: a ConvTranspose session with W and B as initializers. */
    @State(Scope.Benchmark)
    public static class Ort {
        OrtSession session;
        Map<String, OnnxTensor> inputs;

        @Setup
        public void setup(Problem p) throws OrtException {
            session = OrtSessions.open(TinyModels.convTranspose2d(p.c, p.h, p.m, p.k, p.s, p.p, p.w, p.b), Shapes.threads(p.threads));
            inputs = Map.of("X", OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), GemmBench.direct(p.x),
                    new long[] {1, p.c, p.h, p.h}));
        }

        @TearDown
        public void close() throws OrtException {
            for (OnnxTensor t : inputs.values()) t.close();
            session.close();
        }
    }

    @Benchmark
    public float[] weft(Problem p, Weft w) {
        float[] y = new float[p.m * p.out * p.out];
        TransposedConv.run(w.g, p.x, p.w, p.b, y);
        return y;
    }

    @Benchmark
    public void ort(Ort o, Blackhole bh) throws OrtException {
        try (OrtSession.Result r = o.session.run(o.inputs)) {
            bh.consume(r.get(0));
        }
    }
}
