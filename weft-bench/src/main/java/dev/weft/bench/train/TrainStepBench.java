package dev.weft.bench.train;

import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.SequentialMachine;
import dev.weft.train.Trainer;
import dev.weft.train.data.Dataset;
import dev.weft.train.data.Digits;
import dev.weft.train.model.Mlp;
import dev.weft.train.optim.Adam;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One training step of the digits MLP (64 → 64 → relu → 10, softmax cross-entropy, Adam lr 0.003)
 * on a batch of 32: forward, backward and the in-place update. The same model, batch and optimizer
 * as {@code weft-bench/scripts/torch_train_step.py}; {@code weft-bench/scripts/train-step.sh} runs
 * both side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepBench {
    @Param({"sequential", "concurrent"})
    public String machine;

    @Param({"32"})
    public int batch;

    private Trainer trainer;
    private Dataset.Batch data;

    @Setup
    public void setUp() {
        trainer = new Trainer(Mlp.build(Digits.PIXELS, new int[] {64}, 10, 1), new Adam(0.003),
                machine.equals("sequential") ? SequentialMachine::new : ConcurrentMachine::new);
        data = Digits.bundled().batches(batch, new Random(1), true).get(0);
    }

    @TearDown
    public void tearDown() { trainer.close(); }

    @Benchmark
    public double step() { return trainer.step(data); }
}
