/**
 * ONNX Runtime as the peer that {@code weft bench --vs onnxruntime} compares against, in its
 * sequential and parallel execution modes. It lives here, in the bench module, so that no engine
 * module ever depends on a native runtime.
 */
package dev.weft.bench.ort;
