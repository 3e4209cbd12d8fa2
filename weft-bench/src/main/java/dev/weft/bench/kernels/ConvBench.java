package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.bench.onnx.TinyModels;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.ConvWeights;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
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
 * ResNet-18's convolutions (batch 1, with bias): weft's tensor-level {@link Convolution#conv} against
 * ONNX Runtime's Conv with the weights as initializers. Both allocate their output per call, and both
 * prepare the constant weights once, outside the timed call: ONNX Runtime when it loads the session
 * (its initializers are constant), weft through {@link Convolution#prepare}, as the ONNX importer does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvBench {

    /** The layer and thread count shared by both sides. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"conv1_7x7s2_3to64_224", "l1_3x3_64to64_56", "l2a_3x3s2_64to128_56", "l2_3x3_128to128_28",
                "l2d_1x1s2_64to128_56", "l3a_3x3s2_128to256_28", "l3_3x3_256to256_14", "l3d_1x1s2_128to256_28",
                "l4a_3x3s2_256to512_14", "l4_3x3_512to512_7", "l4d_1x1s2_256to512_14"})
        public String layer;

        @Param({"1", "all"})
        public String threads;

        Shapes.ConvShape shape;
        float[] x, w, b;

        @Setup
        public void fill() {
            shape = Shapes.CONV.get(layer);
            Random rnd = new Random(2);
            x = Shapes.uniform(rnd, shape.c() * shape.h() * shape.h(), 1f);
            w = Shapes.uniform(rnd, shape.m() * shape.c() * shape.k() * shape.k(), 1f);
            b = Shapes.uniform(rnd, shape.m(), 1f);
        }
    }

    /** weft's side: tensors and attributes. */
    @State(Scope.Benchmark)
    public static class Weft {
        Tensor x, w, b;
        ConvWeights prepared;
        ConvParams params;

        @Setup
        public void setup(Problem p) {
            IntraOp.setThreads(Shapes.threads(p.threads));
            Shapes.ConvShape s = p.shape;
            x = Tensor.of(p.x, 1, s.c(), s.h(), s.h());
            w = Tensor.of(p.w, s.m(), s.c(), s.k(), s.k());
            b = Tensor.of(p.b, s.m());
            prepared = Convolution.prepare(w);
            params = ConvParams.defaults().withStrides(s.s(), s.s()).withPads(s.p(), s.p(), s.p(), s.p());
        }
    }

    /** ONNX Runtime's side: a Conv session with W and B as initializers. */
    @State(Scope.Benchmark)
    public static class Ort {
        OrtSession session;
        Map<String, OnnxTensor> inputs;

        @Setup
        public void setup(Problem p) throws OrtException {
            Shapes.ConvShape s = p.shape;
            byte[] model = TinyModels.conv2d(1, s.c(), s.h(), s.h(), s.m(), s.k(), s.s(), s.p(), p.w, p.b);
            session = OrtSessions.open(model, Shapes.threads(p.threads));
            inputs = Map.of("X", OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), GemmBench.direct(p.x),
                    new long[] {1, s.c(), s.h(), s.h()}));
        }

        @TearDown
        public void close() throws OrtException {
            for (OnnxTensor t : inputs.values()) t.close();
            session.close();
        }
    }

    @Benchmark
    public Tensor weft(Weft w) {
        return Convolution.conv(w.x, w.w, w.prepared, w.b, w.params, null);
    }

    @Benchmark
    public void ort(Ort o, Blackhole bh) throws OrtException {
        try (OrtSession.Result r = o.session.run(o.inputs)) {
            bh.consume(r.get(0));
        }
    }
}
