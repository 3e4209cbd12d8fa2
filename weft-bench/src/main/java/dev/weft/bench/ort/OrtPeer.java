package dev.weft.bench.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.cli.bench.ModelRunner;
import dev.weft.cli.bench.OpProfile;
import dev.weft.cli.bench.PeerProvider;
import dev.weft.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ONNX Runtime (CPU) sessions in sequential and parallel mode, all graph optimizations on. */
public final class OrtPeer implements PeerProvider {
    @Override
    public String name() { return "onnxruntime"; }

    @Override
    public List<ModelRunner> runners(Path model, Map<String, Tensor> inputs, int threads, boolean spinning) throws OrtException {
        return List.of(new Runner(model, inputs, threads, spinning, OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL),
                new Runner(model, inputs, threads, spinning, OrtSession.SessionOptions.ExecutionMode.PARALLEL));
    }

    /** One session and its input tensors, made once. */
    static final class Runner implements ModelRunner {
        private static final int PROFILE_WARMUP = 10;
        private final String name;
        private final Path model;
        private final int threads;
        private final boolean spinning;
        private final OrtSession.SessionOptions.ExecutionMode mode;
        private final OrtSession session;
        private final Map<String, OnnxTensor> feeds = new LinkedHashMap<>();

        Runner(Path model, Map<String, Tensor> inputs, int threads, boolean spinning,
               OrtSession.SessionOptions.ExecutionMode mode) throws OrtException {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            this.model = model;
            this.threads = threads;
            this.spinning = spinning;
            this.mode = mode;
            this.session = env.createSession(model.toString(), options(null));
            this.name = "ORT " + mode.name().toLowerCase(java.util.Locale.ROOT);
            for (var e : inputs.entrySet()) feeds.put(e.getKey(), toOrt(env, e.getValue()));
        }

        @Override
        public String name() { return name; }

        @Override
        public Object runOnce() throws OrtException {
            try (OrtSession.Result r = session.run(feeds)) {
                return r.size();
            }
        }

        private OrtSession.SessionOptions options(Path profilePrefix) throws OrtException {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setExecutionMode(mode);
            opts.setIntraOpNumThreads(threads);
            if (mode == OrtSession.SessionOptions.ExecutionMode.PARALLEL) opts.setInterOpNumThreads(threads);
            if (!spinning) {
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                opts.addConfigEntry("session.inter_op.allow_spinning", "0");
            }
            if (profilePrefix != null) opts.enableProfiling(profilePrefix.toString());
            return opts;
        }

        /**
         * ONNX Runtime's own profiler, in a second session of the same options; its first
         * {@value #PROFILE_WARMUP} runs are left out of the profile.
         */
        @Override
        public Profiler profiler() throws OrtException, java.io.IOException {
            if (mode != OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL) return null;
            Path dir = Files.createTempDirectory("weft-ort-profile");
            OrtSession.SessionOptions opts = options(dir.resolve("ort"));
            OrtSession profiled = OrtEnvironment.getEnvironment().createSession(model.toString(), opts);
            for (int r = 0; r < PROFILE_WARMUP; r++) profiled.run(feeds).close();
            return new Profiler() {
                @Override
                public void runOnce() throws OrtException { profiled.run(feeds).close(); }

                @Override
                public OpProfile finish(int runs) throws Exception {
                    Path file = Path.of(profiled.endProfiling());
                    profiled.close();
                    opts.close();
                    try {
                        return OrtProfiles.read(file, PROFILE_WARMUP, name, runs);
                    } finally {
                        Files.deleteIfExists(file);
                        Files.deleteIfExists(dir);
                    }
                }
            };
        }

        @Override
        public void close() throws OrtException {
            for (OnnxTensor t : feeds.values()) t.close();
            session.close();
        }
    }

    /** A weft tensor as an ONNX Runtime tensor of the same dtype and shape. */
    static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        Tensor c = t.contiguous();
        long[] shape = c.shape().toLongArray();
        int off = c.offset(), n = c.size();
        return switch (c.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(c.floatData(), off, n).slice(), shape);
            case FLOAT64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(c.doubleData(), off, n).slice(), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(c.longData(), off, n).slice(), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(c.intData(), off, n).slice(), shape);
            case BOOL -> OnnxTensor.createTensor(env, ByteBuffer.wrap(c.byteData(), off, n).slice(), shape, OnnxJavaType.BOOL);
            case UINT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap(c.byteData(), off, n).slice(), shape, OnnxJavaType.UINT8);
            case INT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap(c.byteData(), off, n).slice(), shape, OnnxJavaType.INT8);
            default -> throw new IllegalArgumentException("the ONNX Runtime peer cannot feed a " + c.dtype() + " input");
        };
    }
}
