package dev.weft.graph.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.Op;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.Ballast;
import dev.weft.graph.ops.Binary;
import dev.weft.graph.ops.MatMulOp;
import dev.weft.graph.ops.Reduce;
import dev.weft.graph.ops.SoftmaxCrossEntropy;
import dev.weft.graph.ops.SoftmaxOp;
import dev.weft.graph.ops.Transpose;
import dev.weft.graph.ops.Unary;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.BinaryOp;
import dev.weft.tensor.ops.ReduceOp;
import dev.weft.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite differences in float64 against the symbolic gradient of every differentiable op. The
 * loss is {@code sum(op(inputs) * R)} with a random R, so every output element gets its own
 * upstream gradient.
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    /** Checks the gradient of {@code op} at inputs drawn from {@code domain} with the given shapes. */
    static void check(Op op, DoubleUnaryOperator domain, int[]... shapes) {
        Random rnd = new Random(42);
        Graph g = new Graph();
        List<Node> inputs = new ArrayList<>();
        Map<String, Tensor> feed = new HashMap<>();
        for (int i = 0; i < shapes.length; i++) {
            Node p = g.placeholder("x" + i, TensorType.of(DType.FLOAT64, shapes[i]));
            inputs.add(p);
            Tensor t = Tensor.zeros(DType.FLOAT64, Shape.of(shapes[i]));
            for (int k = 0; k < t.size(); k++) t.setDouble(k, domain.applyAsDouble(rnd.nextGaussian()));
            feed.put(p.name(), t);
        }
        Node y = g.apply("y", op, inputs);
        Tensor r = Tensor.zeros(DType.FLOAT64, y.type().shape());
        for (int k = 0; k < r.size(); k++) r.setDouble(k, rnd.nextGaussian());
        Node loss = g.sum(g.mul(y, g.constant("R", r)));
        List<Node> grads = Autodiff.grad(loss, inputs);
        for (int i = 0; i < grads.size(); i++) g.markOutput("d" + i, grads.get(i));
        g.markOutput("loss", loss);

        try (Machine m = new SequentialMachine(g); Machine c = new ConcurrentMachine(g)) {
            Map<String, Tensor> analytic = m.run(feed);
            Map<String, Tensor> concurrent = c.run(feed);
            for (int i = 0; i < shapes.length; i++) {
                Tensor x = feed.get("x" + i);
                Tensor d = analytic.get("d" + i);
                assertEquals(x.shape(), d.shape(), "gradient shape of input " + i + " of " + op.name());
                org.junit.jupiter.api.Assertions.assertArrayEquals(d.toDoubleArray(),
                        concurrent.get("d" + i).toDoubleArray(), "machines disagree");
                for (int k = 0; k < x.size(); k++) {
                    double saved = x.getDouble(k);
                    x.setDouble(k, saved + H);
                    double up = m.run(feed).get("loss").getDouble(0);
                    x.setDouble(k, saved - H);
                    double down = m.run(feed).get("loss").getDouble(0);
                    x.setDouble(k, saved);
                    double numeric = (up - down) / (2 * H);
                    double a = d.getDouble(k);
                    assertTrue(Math.abs(a - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric),
                            op.name() + " input " + i + " element " + k + ": symbolic " + a + ", numeric " + numeric);
                }
            }
        }
    }

    private static final DoubleUnaryOperator ANY = x -> x;
    private static final DoubleUnaryOperator POSITIVE = x -> 0.5 + Math.abs(x);
    /** Away from 0, where relu, abs and reciprocal have kinks or poles. */
    private static final DoubleUnaryOperator NONZERO = x -> x >= 0 ? x + 0.1 : x - 0.1;

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"NEG", "IDENTITY", "ABS", "EXP", "LOG", "SQRT", "SIGMOID", "TANH",
            "RELU", "RECIPROCAL", "SOFTPLUS", "SIN", "COS", "ERF"})
    void unary(UnaryOp fn) {
        DoubleUnaryOperator domain = switch (fn) {
            case LOG, SQRT -> POSITIVE;
            case RELU, ABS, RECIPROCAL -> NONZERO;
            default -> ANY;
        };
        check(new Unary(fn), domain, new int[] {3, 4});
    }

    static Stream<Arguments> binaryShapes() {
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp fn : List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW, BinaryOp.MAX, BinaryOp.MIN)) {
            out.add(Arguments.of(fn, new int[] {3, 4}, new int[] {3, 4}));
            out.add(Arguments.of(fn, new int[] {3, 4}, new int[] {4}));
            out.add(Arguments.of(fn, new int[] {3, 1}, new int[] {1, 4}));
            out.add(Arguments.of(fn, new int[] {}, new int[] {2, 3}));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("binaryShapes")
    void binary(BinaryOp fn, int[] a, int[] b) {
        // Positive operands keep pow and div smooth; distinct random values keep max and min off their ties.
        check(new Binary(fn), fn == BinaryOp.POW || fn == BinaryOp.DIV ? POSITIVE : ANY, a, b);
    }

    @Test
    void matmul() {
        check(new MatMulOp(), ANY, new int[] {2, 3}, new int[] {3, 4});
        check(new MatMulOp(), ANY, new int[] {2, 2, 3}, new int[] {3, 4});
        check(new MatMulOp(), ANY, new int[] {1, 3, 2}, new int[] {2, 2, 5});
    }

    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "MEAN", "MAX", "MIN"})
    void reductions(ReduceOp fn) {
        check(new Reduce(fn, new int[0], false), ANY, new int[] {3, 4});
        check(new Reduce(fn, new int[] {1}, false), ANY, new int[] {3, 4});
        check(new Reduce(fn, new int[] {0, 2}, true), ANY, new int[] {2, 3, 2});
    }

    @Test
    void transposeSoftmaxAndBallast() {
        check(new Transpose(new int[] {2, 0, 1}), ANY, new int[] {2, 3, 4});
        check(Transpose.lastTwo(), ANY, new int[] {2, 3, 4});
        check(new SoftmaxOp(1), ANY, new int[] {3, 5});
        check(new SoftmaxOp(0), ANY, new int[] {3, 5});
        check(new Ballast(0), ANY, new int[] {2, 2});
    }

    @Test
    void convolutionPoolingAndFlatten() {
        check(new dev.weft.graph.ops.nn.Conv2d(1, 1), ANY, new int[] {2, 2, 5, 5}, new int[] {3, 2, 3, 3}, new int[] {3});
        check(new dev.weft.graph.ops.nn.Conv2d(2, 0), ANY, new int[] {1, 1, 6, 6}, new int[] {2, 1, 2, 2}, new int[] {2});
        check(new dev.weft.graph.ops.nn.MaxPool2d(2, 2), ANY, new int[] {2, 2, 4, 4});
        check(new dev.weft.graph.ops.nn.MaxPool2d(3, 1), ANY, new int[] {1, 1, 5, 5});
        check(new dev.weft.graph.ops.nn.Flatten(), ANY, new int[] {2, 3, 2});
    }

    @Test
    void softmaxCrossEntropyAgainstFiniteDifferences() {
        Graph g = new Graph();
        Node logits = g.placeholder("logits", TensorType.of(DType.FLOAT64, 4, 3));
        Node labels = g.constant("labels", Tensor.of(new long[] {0, 2, 1, 2}, 4));
        Node loss = g.apply("loss", new SoftmaxCrossEntropy(), List.of(logits, labels));
        g.markOutput("loss", loss);
        g.markOutput("d", Autodiff.grad(loss, logits).get(0));
        Tensor x = Tensor.zeros(DType.FLOAT64, Shape.of(4, 3));
        Random rnd = new Random(7);
        for (int k = 0; k < x.size(); k++) x.setDouble(k, rnd.nextGaussian());
        try (Machine m = new SequentialMachine(g)) {
            Tensor d = m.run(Map.of("logits", x)).get("d");
            for (int k = 0; k < x.size(); k++) {
                double saved = x.getDouble(k);
                x.setDouble(k, saved + H);
                double up = m.run(Map.of("logits", x)).get("loss").getDouble(0);
                x.setDouble(k, saved - H);
                double down = m.run(Map.of("logits", x)).get("loss").getDouble(0);
                x.setDouble(k, saved);
                assertEquals((up - down) / (2 * H), d.getDouble(k), 1e-6);
            }
        }
    }

    @Test
    void contributionsAlongSeveralPathsAreAdded() {
        // f = x*x + 3x  ->  f' = 2x + 3
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2));
        Node f = g.sum(g.add(g.mul(x, x), g.mul(g.constant(Tensor.scalar(3.0)), x)));
        g.markOutput("d", Autodiff.grad(f, x).get(0));
        try (Machine m = new SequentialMachine(g)) {
            Tensor d = m.run(Map.of("x", Tensor.of(new double[] {1, -2}, 2))).get("d");
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, -1}, d.toDoubleArray());
        }
    }

    @Test
    void nonDifferentiableOpOnThePathIsNamed() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2));
        Node floor = g.apply("floored", new Unary(UnaryOp.FLOOR), List.of(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autodiff.grad(g.sum(floor), x));
        assertEquals("cannot differentiate through node 'floored' (Floor): FLOOR has no derivative", e.getMessage());
    }

    @Test
    void unrelatedVariableGetsAZeroGradient() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 2));
        Node w = g.variable("w", Tensor.of(new double[] {1, 2, 3}, 3));
        Node loss = g.sum(g.exp(x));
        g.markOutput("dw", Autodiff.grad(loss, w).get(0));
        try (Machine m = new SequentialMachine(g)) {
            Tensor d = m.run(Map.of("x", Tensor.of(new double[] {0, 0}, 2))).get("dw");
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0, 0}, d.toDoubleArray());
        }
    }
}
