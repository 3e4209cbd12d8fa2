package dev.weft.cli.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A peer engine to compare weft with, found with {@link java.util.ServiceLoader}. The weft-bench
 * module provides ONNX Runtime this way; when it is absent, {@code weft bench} measures weft alone.
 */
public interface PeerProvider {
    /** The name users pass to {@code --vs}, e.g. {@code onnxruntime}. */
    String name();

    /**
     * Runners for {@code model} fed {@code inputs} (the arrays of a test_data_set, by input name,
     * in ONNX element order), using {@code threads} intra-op threads. {@code spinning} says whether
     * the peer's idle worker threads may spin-wait for the next piece of work, where the peer has
     * such a setting (ONNX Runtime spins by default).
     */
    List<ModelRunner> runners(Path model, Map<String, dev.weft.tensor.Tensor> inputs, int threads, boolean spinning)
            throws Exception;
}
