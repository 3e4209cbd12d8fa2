package dev.weft.onnx;

/**
 * Thrown when a valid model uses something weft does not implement (an op, an opset version, a
 * dtype, a value kind). The conformance runner counts these as skipped, not failed.
 */
public final class UnsupportedOnnxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedOnnxException(String message) {
        super(message);
    }
}
