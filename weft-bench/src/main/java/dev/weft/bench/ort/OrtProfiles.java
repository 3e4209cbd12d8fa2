package dev.weft.bench.ort;

import dev.weft.cli.bench.OpProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the trace-event JSON that ONNX Runtime's profiler writes: one object per event, where each
 * run is a {@code model_run} event of category {@code Session} and each kernel execution an event
 * of category {@code Node} named {@code <node>_kernel_time}, with its op type in
 * {@code args.op_name} and its duration in µs.
 */
final class OrtProfiles {
    private OrtProfiles() {}

    private static final Pattern EVENT = Pattern.compile("\\{\\s*\"cat\"\\s*:\\s*\"(\\w+)\"(.*?)(?=\\{\\s*\"cat\"|\\z)", Pattern.DOTALL);
    private static final Pattern DUR = Pattern.compile("\"dur\"\\s*:\\s*(\\d+)");
    private static final Pattern TS = Pattern.compile("\"ts\"\\s*:\\s*(\\d+)");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern OP = Pattern.compile("\"op_name\"\\s*:\\s*\"([^\"]*)\"");

    /** The kernels of the runs after the first {@code skip} in {@code file}, as {@code runs} runs of {@code engine}. */
    static OpProfile read(Path file, int skip, String engine, int runs) throws IOException {
        String text = Files.readString(file);
        List<Long> runStarts = new ArrayList<>();
        List<long[]> kernels = new ArrayList<>(); // {ts, dur}, op type alongside
        List<String> ops = new ArrayList<>(), nodes = new ArrayList<>();
        Matcher m = EVENT.matcher(text);
        while (m.find()) {
            String cat = m.group(1), body = m.group(2);
            String name = find(NAME, body);
            Long ts = number(TS, body), dur = number(DUR, body);
            if (name == null || ts == null || dur == null) continue;
            if (cat.equals("Session") && name.equals("model_run")) runStarts.add(ts);
            else if (cat.equals("Node") && name.endsWith("_kernel_time")) {
                String op = find(OP, body);
                if (op == null) continue;
                kernels.add(new long[] {ts, dur});
                ops.add(op);
                nodes.add(name.substring(0, name.length() - "_kernel_time".length()));
            }
        }
        if (runStarts.size() < skip + runs) {
            throw new IOException(file + ": ONNX Runtime's profile holds " + runStarts.size() + " runs, expected " + (skip + runs));
        }
        runStarts.sort(null);
        long from = runStarts.get(skip);
        OpProfile.Builder b = new OpProfile.Builder();
        for (int i = 0; i < kernels.size(); i++) {
            if (kernels.get(i)[0] >= from) b.add(nodes.get(i), ops.get(i), kernels.get(i)[1] * 1000);
        }
        return b.build(engine, runs);
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static Long number(Pattern p, String s) {
        String v = find(p, s);
        return v == null ? null : Long.parseLong(v);
    }
}
