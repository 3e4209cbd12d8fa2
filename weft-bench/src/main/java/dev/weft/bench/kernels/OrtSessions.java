package dev.weft.bench.kernels;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime sessions configured like weft's run: a fixed intra-op thread count, sequential graph. */
final class OrtSessions {
    private OrtSessions() {}

    static OrtSession open(byte[] model, int threads) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return OrtEnvironment.getEnvironment().createSession(model, opts);
    }
}
