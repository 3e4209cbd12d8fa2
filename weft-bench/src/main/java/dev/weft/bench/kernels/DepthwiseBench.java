package dev.weft.bench.kernels;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.tensor.Tensor;
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
 * MobileNet-v2's 3×3 depthwise convolutions (batch 1, bias, optionally followed by ReLU6): weft's
 * {@code Convolution.conv} with a fused clamp against ONNX Runtime's Conv (+ Clip, which ORT fuses
 * into its Conv) with the weights as initializers. Both allocate their output per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DepthwiseBench {

    /** The layer, the activation and the thread count shared by both sides. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"dw32_112_s1", "dw96_112_s2", "dw144_56_s1", "dw144_56_s2", "dw384_14_s1", "dw960_7_s1"})
        public String layer;

        @Param({"relu6", "none"})
        public String act;

        @Param({"1", "all"})
        public String threads;

        DwPoolShapes.Depthwise shape;
        float[] x, w, b;

        @Setup
        public void fill() {
            shape = DwPoolShapes.DEPTHWISE.get(layer);
            Random rnd = new Random(2);
            x = Shapes.uniform(rnd, shape.c() * shape.h() * shape.h(), 8f); // wide enough that ReLU6 clamps on both sides
            w = Shapes.uniform(rnd, shape.c() * 9, 1f);
            b = Shapes.uniform(rnd, shape.c(), 1f);
        }

        boolean relu6() { return act.equals("relu6"); }
    }

    /** weft's side. */
    @State(Scope.Benchmark)
    public static class Weft {
        Tensor x, w, b;

        @Setup
        public void setup(Problem p) {
            IntraOp.setThreads(Shapes.threads(p.threads));
            DwPoolShapes.Depthwise s = p.shape;
            x = Tensor.of(p.x, 1, s.c(), s.h(), s.h());
            w = Tensor.of(p.w, s.c(), 1, 3, 3);
            b = Tensor.of(p.b, s.c());
        }
    }

    /** ONNX Runtime's side. */
    @State(Scope.Benchmark)
    public static class Ort {
        OrtSession session;
        Map<String, OnnxTensor> inputs;

        @Setup
        public void setup(Problem p) throws OrtException {
            DwPoolShapes.Depthwise s = p.shape;
            session = OrtSessions.open(s.ort(p.w, p.b, p.relu6()), Shapes.threads(p.threads));
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
    public Tensor weft(Problem p, Weft w) {
        return p.shape.weft(w.x, w.w, w.b, p.relu6());
    }

    @Benchmark
    public void ort(Ort o, Blackhole bh) throws OrtException {
        try (OrtSession.Result r = o.session.run(o.inputs)) {
            bh.consume(r.get(0));
        }
    }
}
