package dev.weft.onnx.conformance;

import java.util.List;

/**
 * The result of one test folder: its name, outcome, a one-line reason (empty when passed), the op
 * types its model uses, and how long it took.
 */
public record TestResult(String name, String path, Outcome outcome, String reason, List<String> ops, long millis) {
}
