package dev.weft.onnx;

/** Thrown when a model or tensor file is malformed: truncated, inconsistent or unsafe. */
public final class OnnxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
