package dev.weft.bench.machine;

import dev.weft.graph.ops.Ballast;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The control for the wide graph: its eight 50 µs ballasts with no graph and no machine, each on a
 * virtual thread of its own, started and joined by the benchmark thread. This is about the best any
 * machine can do with the wide graph on the cores it gets at that moment: on two free cores about
 * half the eight ballasts' time, and the ballasts' full time when another process keeps the second
 * core busy. {@link MachineTable} prints it beside the machines, so a reader can tell a slow machine
 * from a busy computer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ParallelControlBench {
    /** Branches and ballast of the wide graph in {@link MachineBench}. */
    static final int BRANCHES = 8;
    static final long MICROS = 50;

    private final Ballast ballast = new Ballast(MICROS);
    private final List<Tensor> input = List.of(Tensor.of(new double[] {1}, 1, 1));
    private final Thread[] threads = new Thread[BRANCHES];
    private final CoreWait coreWait = new CoreWait();
    private long runs;

    @Setup(Level.Iteration)
    public void beginIteration() {
        runs = 0;
        coreWait.begin();
    }

    @TearDown(Level.Iteration)
    public void endIteration() { coreWait.end(runs); }

    @TearDown
    public void tearDown() { System.out.println("control; " + coreWait.summary()); }

    @Benchmark
    public void eightBallastsOnEightVirtualThreads() throws InterruptedException {
        runs++;
        for (int i = 0; i < BRANCHES; i++) threads[i] = Thread.ofVirtual().start(() -> ballast.compute(input));
        for (Thread t : threads) t.join();
    }
}
