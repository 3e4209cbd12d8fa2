package dev.weft.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times several runners of one model: warm-up rounds, then timed rounds in which every runner runs
 * twice in a row, untimed then timed, the order rotating each round. Alternating matters on a shared
 * machine: a burst of load then slows every runner a little instead of one a lot, and ratios stay
 * honest. The untimed run keeps one runner's leftovers (spinning threads, evicted caches) out of the
 * next runner's timing.
 */
public final class ModelBench {
    private ModelBench() {}

    /**
     * Median and minimum milliseconds per run of one runner and, for runners that report activation
     * bytes, the Java heap bytes allocated per steady-state run next to the activation bytes a run
     * requested (-1 where not measured).
     */
    public record Timing(String runner, double medianMs, double minMs, int runs, long allocatedBytesPerRun, long activationBytesPerRun) {}

    /**
     * One runner's time over another's in the same rounds, where they ran one after the other: the
     * median and quartiles of the per-round ratios. A slow spell of the machine that spans a round
     * slows both runs of the pair, so it cancels here, where a ratio of two medians keeps it.
     */
    public record PairedRatio(double median, double lowerQuartile, double upperQuartile) {}

    /** The timings of one {@link #measure} call, with each timed run kept for {@link #paired}. */
    public static final class Measurement {
        private final List<Timing> timings;
        private final long[][] nanos;

        private Measurement(List<Timing> timings, long[][] nanos) {
            this.timings = timings;
            this.nanos = nanos;
        }

        /** One timing per runner, in the runners' order. */
        public List<Timing> timings() { return timings; }

        /** Runner {@code i}'s time over runner {@code j}'s, round by round. */
        public PairedRatio paired(int i, int j) { return ModelBench.paired(nanos[i], nanos[j]); }
    }

    private static final int ALLOCATION_RUNS = 10;
    /**
     * A run that allocates more heap than this share of its activations is taken to be running code
     * the JIT has not finished with (see {@link #settle}).
     */
    public static final double SETTLED_SHARE = 0.01;
    /** Heap bytes per run that count as settled whatever the activations (tiny models). */
    public static final long SETTLED_FLOOR_BYTES = 64_000;
    /** The longest {@link #settle} keeps warming up, in seconds. */
    public static final double SETTLE_SECONDS_MAX = 30;

    /**
     * Runs the rounds and returns one timing per runner, in the runners' order. Warm-up lasts at
     * least {@code warmup} rounds and at least {@code warmupSeconds}, so that the JIT has compiled
     * the hot paths of small models too before anything is timed, and then goes on while a weft
     * runner still allocates like unfinished code ({@link #settle}).
     */
    public static Measurement measure(List<ModelRunner> runners, int warmup, double warmupSeconds, int rounds) throws Exception {
        if (warmup < 0 || rounds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("need warmup >= 0, warm-up seconds >= 0 and rounds >= 1");
        }
        int n = runners.size();
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int w = 0; w < warmup || System.nanoTime() < warmEnd; w++) for (ModelRunner r : runners) r.runOnce();
        settle(runners);
        long[][] nanos = new long[n][rounds];
        Object sink = null;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int i = (round + k) % n;
                // An untimed run first: it absorbs what the previous runner left behind (ONNX
                // Runtime's worker threads spin for a while after a run, on the same two cores, and
                // evicted caches), so that each timed run starts from its own steady state.
                runners.get(i).runOnce();
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
            long[] alloc = allocation(runners.get(i), ALLOCATION_RUNS);
            out.add(new Timing(runners.get(i).name(), median / 1e6, t[0] / 1e6, rounds, alloc[0], alloc[1]));
        }
        return new Measurement(List.copyOf(out), nanos);
    }

    /**
     * More warm-up rounds while a run of a runner that reports activations is not {@link #settled},
     * for at most {@link #SETTLE_SECONDS_MAX} seconds.
     *
     * <p>Implementation note. A vector kernel that C2 has not compiled runs the Vector API's Java
     * code, which allocates every vector, so heap per run tells whether the JIT is done. A fixed
     * warm-up is not always enough: when a second model in the same process takes a branch the first
     * never did, C2 throws away the compiled kernel, and the profiled C1 code that stands in until C2
     * compiles it again can take seconds to get there. SqueezeNet timed after ResNet-18 sat in that
     * state for its whole timing (9 MB allocated per run, about twice as slow) on a slow day.
     */
    private static void settle(List<ModelRunner> runners) throws Exception {
        long end = System.nanoTime() + (long) (SETTLE_SECONDS_MAX * 1e9);
        for (ModelRunner r : runners) {
            if (r.activationBytes() < 0) continue;
            while (System.nanoTime() < end && !settled(allocation(r, 1))) {
                for (ModelRunner each : runners) each.runOnce();
            }
        }
    }

    private static boolean settled(long[] allocation) {
        return settled(allocation[0], allocation[1]);
    }

    /**
     * Whether a run that allocated {@code heapPerRun} heap bytes and requested {@code activationsPerRun}
     * activation bytes looks like steady state: at most {@link #SETTLED_FLOOR_BYTES}, or at most
     * {@link #SETTLED_SHARE} of the activations.
     */
    public static boolean settled(long heapPerRun, long activationsPerRun) {
        return heapPerRun <= SETTLED_FLOOR_BYTES || heapPerRun <= SETTLED_SHARE * activationsPerRun;
    }

    /** The per-round ratios {@code a[r] / b[r]}: median (the mean of the middle two for an even count) and quartiles. */
    static PairedRatio paired(long[] a, long[] b) {
        if (a.length != b.length || a.length == 0) throw new IllegalArgumentException("need the same number of rounds, at least one");
        int n = a.length;
        double[] r = new double[n];
        for (int k = 0; k < n; k++) r[k] = (double) a[k] / b[k];
        Arrays.sort(r);
        double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
        return new PairedRatio(median, r[n / 4], r[(3 * n) / 4]);
    }

    /**
     * Heap bytes allocated per run over {@code runs} extra runs (by every thread, virtual ones
     * included, so nothing else may run meanwhile) and the activation bytes requested per run.
     */
    private static long[] allocation(ModelRunner r, int runs) throws Exception {
        if (r.activationBytes() < 0) return new long[] {-1, -1};
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long activation0 = r.activationBytes();
        long heap0 = mx.getTotalThreadAllocatedBytes();
        for (int k = 0; k < runs; k++) r.runOnce();
        long heap = mx.getTotalThreadAllocatedBytes() - heap0;
        return new long[] {heap / runs, (r.activationBytes() - activation0) / runs};
    }

    /** The timings by runner name. */
    public static Map<String, Timing> byName(List<Timing> timings) {
        Map<String, Timing> m = new LinkedHashMap<>();
        for (Timing t : timings) m.put(t.runner(), t);
        return m;
    }
}
