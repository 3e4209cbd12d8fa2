package dev.weft.onnx.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Summaries of a conformance run: the totals line, the per-op table and the JSON file. */
public final class Report {
    private Report() {}

    /** {@code N passed, N failed, N skipped}. */
    public static String totals(List<TestResult> results) {
        long p = count(results, Outcome.PASSED), f = count(results, Outcome.FAILED), s = count(results, Outcome.SKIPPED);
        return p + " passed, " + f + " failed, " + s + " skipped";
    }

    public static long count(List<TestResult> results, Outcome o) {
        return results.stream().filter(r -> r.outcome() == o).count();
    }

    /** Per op type: how many tests using it passed, failed and were skipped. */
    public static void printByOp(List<TestResult> results, PrintStream out) {
        Map<String, long[]> table = new TreeMap<>();
        for (TestResult r : results) {
            for (String op : r.ops()) table.computeIfAbsent(op, k -> new long[3])[r.outcome().ordinal()]++;
        }
        out.printf("%-36s %7s %7s %7s%n", "op", "passed", "failed", "skipped");
        for (var e : table.entrySet()) {
            long[] c = e.getValue();
            out.printf("%-36s %7d %7d %7d%n", e.getKey(), c[0], c[1], c[2]);
        }
    }

    /** Writes every result as JSON. */
    public static void writeJson(List<TestResult> results, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"summary\": {");
        sb.append("\"passed\": ").append(count(results, Outcome.PASSED))
                .append(", \"failed\": ").append(count(results, Outcome.FAILED))
                .append(", \"skipped\": ").append(count(results, Outcome.SKIPPED)).append("},\n  \"tests\": [\n");
        for (int i = 0; i < results.size(); i++) {
            TestResult r = results.get(i);
            sb.append("    {\"name\": ").append(str(r.name())).append(", \"path\": ").append(str(r.path()))
                    .append(", \"outcome\": ").append(str(r.outcome().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"reason\": ").append(str(r.reason())).append(", \"millis\": ").append(r.millis())
                    .append(", \"ops\": [");
            for (int k = 0; k < r.ops().size(); k++) sb.append(k > 0 ? ", " : "").append(str(r.ops().get(k)));
            sb.append("]}").append(i + 1 < results.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        Files.writeString(file, sb.toString());
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
