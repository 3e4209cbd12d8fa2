package dev.weft.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.TensorType;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every machine must share; each test runs on all three kinds. */
class MachineTest {

    static Stream<Function<Graph, Machine>> machines() {
        return Stream.of(
                named("sequential", SequentialMachine::new),
                named("concurrent", ConcurrentMachine::new),
                named("adaptive", g -> new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE, 20_000)));
    }

    private static Function<Graph, Machine> named(String name, Function<Graph, Machine> f) {
        return new Function<>() {
            @Override public Machine apply(Graph g) { return f.apply(g); }
            @Override public String toString() { return name; }
        };
    }

    /** The GoMachine article's graph: sigmoid(W·X + b). */
    static Graph article() {
        Graph g = new Graph();
        Node w = g.placeholder("W", TensorType.of(DType.FLOAT64, 1, 1));
        Node x = g.placeholder("X", TensorType.of(DType.FLOAT64, 1, 1));
        Node b = g.placeholder("b", TensorType.of(DType.FLOAT64, 1, 1));
        g.markOutput("f", g.sigmoid(g.add(g.matmul(w, x), b)));
        return g;
    }

    static Map<String, Tensor> ones() {
        return Map.of("W", Tensor.of(new double[] {1}, 1, 1), "X", Tensor.of(new double[] {1}, 1, 1),
                "b", Tensor.of(new double[] {1}, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void computesTheArticlesNumber(Function<Graph, Machine> make) {
        try (Machine m = make.apply(article())) {
            assertEquals(0.8807970779778823, m.run(ones()).get("f").getDouble(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void isReusableWithNewInputs(Function<Graph, Machine> make) {
        try (Machine m = make.apply(article())) {
            for (int i = 0; i < 5; i++) {
                Map<String, Tensor> in = Map.of("W", Tensor.of(new double[] {i}, 1, 1),
                        "X", Tensor.of(new double[] {2}, 1, 1), "b", Tensor.of(new double[] {-1}, 1, 1));
                assertEquals(1 / (1 + Math.exp(-(2.0 * i - 1))), m.run(in).get("f").getDouble(0), 1e-15);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void positionalChannelsLetAVertexReadOneValueTwice(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT32, 3));
        g.markOutput("y", g.add(x, x));
        g.markOutput("z", g.sub(g.mul(x, x), x));
        try (Machine m = make.apply(g)) {
            Map<String, Tensor> out = m.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3)));
            assertArrayEquals(new float[] {2, 4, 6}, out.get("y").toFloatArray());
            assertArrayEquals(new float[] {0, 2, 6}, out.get("z").toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void multiOutputOpsFeedEachOutputToItsReaders(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2));
        List<Node> parts = g.applyMulti("split", new TestOps.PlusOneTimesTwo(), List.of(x));
        g.markOutput("sum", g.add(parts.get(0), parts.get(1)));
        g.markOutput("second", parts.get(1));
        try (Machine m = make.apply(g)) {
            Map<String, Tensor> out = m.run(Map.of("x", Tensor.of(new double[] {1, 5}, 2)));
            assertArrayEquals(new double[] {4, 16}, out.get("sum").toDoubleArray());
            assertArrayEquals(new double[] {2, 10}, out.get("second").toDoubleArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void opFailureNamesNodeAndOpAndLeavesNoThreadBehind(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        // A vertex that would block forever if it were not cancelled, beside the one that fails.
        CountDownLatch never = new CountDownLatch(1);
        Node stuck = g.apply("stuck", new TestOps.Block(never), List.of(x));
        Node boom = g.apply("boom", new TestOps.Fail("no luck"), List.of(x));
        g.markOutput("y", g.add(stuck, boom));
        try (Machine m = make.apply(g)) {
            // Only one thread per vertex lets 'boom' fail while 'stuck' waits; on one thread 'stuck' must finish.
            boolean perVertex = m instanceof ConcurrentMachine cm && cm.partitioning() == ConcurrentMachine.Partitioning.PER_VERTEX;
            if (!perVertex) never.countDown();
            MachineException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(MachineException.class, () -> m.run(Map.of("x", Tensor.scalar(1.0).reshape(1)))));
            assertEquals("node 'boom' (Fail) failed: no luck", e.getMessage());
            assertEquals("boom", e.node());
            if (m instanceof ConcurrentMachine cm) assertEquals(0, cm.liveThreads(), "vertex threads left running");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void brokenTypePromiseIsCaught(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2));
        g.markOutput(g.apply("liar", new TestOps.Liar(), List.of(x)));
        try (Machine m = make.apply(g)) {
            MachineException e = assertThrows(MachineException.class,
                    () -> m.run(Map.of("x", Tensor.of(new double[] {1, 2}, 2))));
            assertTrue(e.getMessage().startsWith("node 'liar' (Liar) returned float64[]"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void missingUnknownAndIllTypedInputsNameThePlaceholder(Function<Graph, Machine> make) {
        try (Machine m = make.apply(article())) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> m.run(Map.of("W", Tensor.of(new double[] {1}, 1, 1))));
            assertEquals("missing input 'X': expected float64[1, 1]", missing.getMessage());
            Map<String, Tensor> wrong = new java.util.HashMap<>(ones());
            wrong.put("b", Tensor.of(new double[] {1, 2}, 2));
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> m.run(wrong));
            assertEquals("input 'b' is float64[2] but the graph expects float64[1, 1]", shape.getMessage());
            Map<String, Tensor> extra = new java.util.HashMap<>(ones());
            extra.put("Q", Tensor.scalar(1.0));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> m.run(extra));
            assertTrue(unknown.getMessage().startsWith("unknown input 'Q'"), unknown.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void timeoutCancelsTheRun(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        Node slow = g.apply("slow", new dev.weft.graph.ops.Ballast(200_000), List.of(x));
        g.markOutput(g.neg(g.apply("slower", new dev.weft.graph.ops.Ballast(200_000), List.of(slow))));
        try (Machine m = make.apply(g)) {
            MachineException e = assertThrows(MachineException.class,
                    () -> m.run(Map.of("x", Tensor.of(new double[] {1}, 1)), Duration.ofMillis(50)));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void variablesCanBeReadSetAndReset(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new double[] {2}, 1));
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1));
        g.markOutput("y", g.mul(w, x));
        try (Machine m = make.apply(g)) {
            Map<String, Tensor> in = Map.of("x", Tensor.of(new double[] {3}, 1));
            assertEquals(6, m.run(in).get("y").getDouble(0));
            m.setVariable("w", Tensor.of(new double[] {5}, 1));
            assertEquals(15, m.run(in).get("y").getDouble(0));
            assertThrows(IllegalArgumentException.class, () -> m.setVariable("w", Tensor.of(new double[] {1, 2}, 2)));
            m.reset();
            assertEquals(6, m.run(in).get("y").getDouble(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void inPlaceUpdatesOfAVariableAreUndoneByReset(Function<Graph, Machine> make) {
        Graph g = new Graph();
        Tensor initial = Tensor.of(new double[] {2}, 1);
        Node w = g.variable("w", initial);
        g.markOutput("y", g.neg(w));
        try (Machine m = make.apply(g)) {
            m.variable("w").setDouble(0, 7); // as an optimizer does
            assertEquals(-7, m.run(Map.of()).get("y").getDouble(0));
            assertEquals(2, initial.getDouble(0), "the graph's initial value is untouched");
            m.reset();
            assertEquals(-2, m.run(Map.of()).get("y").getDouble(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void reusedBuffersNeverTouchEarlierOutputsOrViews(Function<Graph, Machine> make) {
        // h is an intermediate that dies early; 'view' is a reshape sharing h's array and is an output,
        // so h's array must survive; 'y' is computed after h died and may reuse other arrays.
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2, 2));
        Node h = g.exp(g.neg(x));
        g.markOutput("view", g.apply("view", new dev.weft.graph.ops.nn.Flatten(), List.of(h)));
        Node t = g.tanh(g.add(x, x));
        g.markOutput("y", g.mul(g.sigmoid(t), g.relu(t)));
        try (Machine m = make.apply(g)) {
            Map<String, Tensor> first = m.run(Map.of("x", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2)));
            double[] view1 = first.get("view").toDoubleArray(), y1 = first.get("y").toDoubleArray();
            for (int i = 0; i < 5; i++) {
                Map<String, Tensor> again = m.run(Map.of("x", Tensor.of(new double[] {-i, i, 2 * i, 0.5}, 2, 2)));
                assertEquals(Math.exp(i), again.get("view").getDouble(0), 1e-12);
            }
            assertArrayEquals(view1, first.get("view").toDoubleArray(), "an earlier output was overwritten");
            assertArrayEquals(y1, first.get("y").toDoubleArray(), "an earlier output was overwritten");
            assertEquals(Math.exp(-1), view1[0], 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void borrowedRunsReuseTheOutputArraysButNeverLendTheCallersOrConstants(Function<Graph, Machine> make) {
        // 'y' and its reshape 'view' share one array the run allocates; 'same' is the caller's input
        // and 'c' a constant: neither may go back to the pool and be overwritten by a later run.
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2, 2));
        Node h = g.exp(g.neg(x));
        g.markOutput("y", h);
        g.markOutput("view", g.apply("view", new dev.weft.graph.ops.nn.Flatten(), List.of(h)));
        g.markOutput("same", x);
        g.markOutput("c", g.constant("c", Tensor.of(new double[] {7, 8, 9, 10}, 2, 2)));
        try (Machine m = make.apply(g)) {
            Tensor input = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
            Map<String, Tensor> first = m.runBorrowed(Map.of("x", input));
            assertEquals(Math.exp(-1), first.get("y").getDouble(0), 1e-12);
            assertEquals(java.util.Set.of("y", "view", "same", "c"), first.keySet());
            long allocated = 0;
            for (int i = 0; i < 6; i++) {
                Map<String, Tensor> again = m.runBorrowed(Map.of("x", Tensor.of(new double[] {-i, i, 2 * i, 0.5}, 2, 2)));
                assertEquals(Math.exp(i), again.get("y").getDouble(0), 1e-12);
                assertEquals(Math.exp(i), again.get("view").getDouble(0), 1e-12);
                assertEquals(-i, again.get("same").getDouble(0), 1e-12);
                if (i == 2) allocated = m.memory().freshBytes();
            }
            assertEquals(allocated, m.memory().freshBytes(), "steady-state borrowed runs take every array from the pool");
            assertArrayEquals(new double[] {1, 2, 3, 4}, input.toDoubleArray(), "the caller's input was lent out and overwritten");
            Map<String, Tensor> plain = m.run(Map.of("x", input));
            assertArrayEquals(new double[] {7, 8, 9, 10}, plain.get("c").toDoubleArray(), "the constant was overwritten");
            double y = plain.get("y").getDouble(0);
            m.runBorrowed(Map.of("x", Tensor.of(new double[] {5, 5, 5, 5}, 2, 2)));
            assertEquals(y, plain.get("y").getDouble(0), "a plain run's outputs are the caller's, never reused");
        }
    }

    @org.junit.jupiter.api.Test
    void adaptiveMachinePartitionsAfterCalibrationAndStaysCorrect() {
        Graph g = dev.weft.graph.examples.ArticleGraphs.wide(4, 100);
        try (ConcurrentMachine m = new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE, 20_000);
             Machine seq = new SequentialMachine(g)) {
            Map<String, Tensor> in = dev.weft.graph.examples.ArticleGraphs.ones();
            double expected = seq.run(in).get("f").getDouble(0);
            for (int k = 0; k < ConcurrentMachine.CALIBRATION_RUNS; k++) {
                assertEquals(1, m.threadCount(), "one thread while calibrating");
                assertEquals(expected, m.run(in).get("f").getDouble(0));
            }
            assertTrue(m.threadCount() > 1, "partitioned after calibration");
            // By the second plan the JIT has compiled the cheap ops: the four 100 µs ballasts get a
            // thread each and the cheap rest shares one.
            for (int k = ConcurrentMachine.CALIBRATION_RUNS; k < 256; k++) assertEquals(expected, m.run(in).get("f").getDouble(0));
            assertEquals(5, m.threadCount());
            for (int k = 0; k < 5; k++) assertEquals(expected, m.run(in).get("f").getDouble(0));
            assertEquals(0, m.liveThreads());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void closedMachineRefusesToRun(Function<Graph, Machine> make) {
        Machine m = make.apply(article());
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.run(ones()));
    }
}
