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
 * The max pools of ResNet-18 and SqueezeNet 1.1 (ceil mode) and one average pool, batch 1: weft's
 * {@code Pooling} against ONNX Runtime's MaxPool / AveragePool. Both allocate their output per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBench {

    /** The pool and thread count shared by both sides. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"max3s2p1_64_112", "max3s2ceil_64_111", "max3s2ceil_128_55", "max3s2ceil_256_27", "avg3s1p1_192_28"})
        public String pool;

        @Param({"1", "all"})
        public String threads;

        DwPoolShapes.Pool shape;
        float[] x;
        Tensor weftX;
        OrtSession session;
        Map<String, OnnxTensor> inputs;

        @Setup
        public void setup() throws OrtException {
            shape = DwPoolShapes.POOL.get(pool);
            x = Shapes.uniform(new Random(2), shape.c() * shape.h() * shape.h(), 1f);
            IntraOp.setThreads(Shapes.threads(threads));
            weftX = Tensor.of(x, 1, shape.c(), shape.h(), shape.h());
            session = OrtSessions.open(shape.ort(), Shapes.threads(threads));
            inputs = Map.of("X", OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), GemmBench.direct(x),
                    new long[] {1, shape.c(), shape.h(), shape.h()}));
        }

        @TearDown
        public void close() throws OrtException {
            for (OnnxTensor t : inputs.values()) t.close();
            session.close();
        }
    }

    @Benchmark
    public Tensor weft(Problem p) {
        return p.shape.weft(p.weftX);
    }

    @Benchmark
    public void ort(Problem p, Blackhole bh) throws OrtException {
        try (OrtSession.Result r = p.session.run(p.inputs)) {
            bh.consume(r.get(0));
        }
    }
}
