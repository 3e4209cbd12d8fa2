package dev.weft.onnx.conformance;

/** How one conformance test ended. SKIPPED means refused cleanly as unsupported. */
public enum Outcome { PASSED, FAILED, SKIPPED }
