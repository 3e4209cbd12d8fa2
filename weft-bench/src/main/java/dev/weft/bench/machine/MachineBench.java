package dev.weft.bench.machine;

import dev.weft.graph.Graph;
import dev.weft.graph.examples.ArticleGraphs;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The article's benchmark: one run of a graph per invocation, on each machine.
 * <ul>
 *   <li>{@code trivial}: σ(W·X + b) on 1×1 matrices, where hand-off cost dominates;</li>
 *   <li>{@code ballast}: the same chain with a 50 µs busy op after each op (a chain: nothing to overlap);</li>
 *   <li>{@code wide}: 8 independent branches with a 50 µs ballast each, where two cores can halve the time.</li>
 * </ul>
 * Run with {@code weft-bench/scripts/machines.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MachineBench {

    @Param({"trivial", "ballast", "wide"})
    public String graph;

    @Param({"sequential", "concurrent", "adaptive"})
    public String machine;

    private Machine m;
    private Map<String, Tensor> inputs;
    private final CoreWait coreWait = new CoreWait();
    private long runs;

    @Setup
    public void setUp() {
        Graph g = switch (graph) {
            case "trivial" -> ArticleGraphs.sigmoidAffine();
            case "ballast" -> ArticleGraphs.sigmoidAffine(50);
            case "wide" -> ArticleGraphs.wide(ParallelControlBench.BRANCHES, ParallelControlBench.MICROS);
            default -> throw new IllegalArgumentException("unknown graph " + graph);
        };
        m = switch (machine) {
            case "sequential" -> new SequentialMachine(g);
            case "concurrent" -> new ConcurrentMachine(g);
            case "adaptive" -> new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE,
                    ConcurrentMachine.DEFAULT_ADAPTIVE_THRESHOLD_NANOS);
            default -> throw new IllegalArgumentException("unknown machine " + machine);
        };
        inputs = ArticleGraphs.ones();
        // The adaptive machine calibrates over its first runs, inside JMH's warm-up.
        m.run(inputs);
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        runs = 0;
        coreWait.begin();
    }

    @TearDown(Level.Iteration)
    public void endIteration() { coreWait.end(runs); }

    @TearDown
    public void tearDown() {
        String plan = "";
        // Which plan the adaptive machine settled on: its trials decide by timing, so the load decides.
        if (m instanceof ConcurrentMachine c && c.partitioning() == ConcurrentMachine.Partitioning.ADAPTIVE) {
            plan = ", " + c.threadCount() + " thread(s) at the end";
        }
        System.out.println(graph + "/" + machine + plan + "; " + coreWait.summary());
        m.close();
    }

    @Benchmark
    public Map<String, Tensor> run() {
        runs++;
        return m.run(inputs);
    }
}
