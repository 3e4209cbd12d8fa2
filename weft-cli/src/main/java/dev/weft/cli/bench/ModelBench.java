package dev.weft.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times several runners of one model: warm-up rounds, then timed rounds in which every runner runs
 * once, the order rotating each round. Alternating matters on a shared machine: a burst of load
 * then slows every runner a little instead of one a lot, and ratios stay honest.
 */
public final class ModelBench {
    private ModelBench() {}

    /** Median and minimum milliseconds per run of one runner. */
    public record Timing(String runner, double medianMs, double minMs, int runs) {}

    /** Runs the rounds and returns one timing per runner, in the runners' order. */
    public static List<Timing> measure(List<ModelRunner> runners, int warmup, int rounds) throws Exception {
        if (warmup < 0 || rounds < 1) throw new IllegalArgumentException("need warmup >= 0 and rounds >= 1, got " + warmup + ", " + rounds);
        int n = runners.size();
        for (int w = 0; w < warmup; w++) for (ModelRunner r : runners) r.runOnce();
        long[][] nanos = new long[n][rounds];
        Object sink = null;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int i = (round + k) % n;
                long t0 = System.nanoTime();
                sink = runners.get(i).runOnce();
                nanos[i][round] = System.nanoTime() - t0;
            }
        }
        if (sink == null) throw new IllegalStateException("a runner returned nothing");
        List<Timing> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] t = nanos[i].clone();
            Arrays.sort(t);
            double median = rounds % 2 == 1 ? t[rounds / 2] : (t[rounds / 2 - 1] + t[rounds / 2]) / 2.0;
            out.add(new Timing(runners.get(i).name(), median / 1e6, t[0] / 1e6, rounds));
        }
        return out;
    }

    /** The timings by runner name. */
    public static Map<String, Timing> byName(List<Timing> timings) {
        Map<String, Timing> m = new LinkedHashMap<>();
        for (Timing t : timings) m.put(t.runner(), t);
        return m;
    }
}
