package dev.weft.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void infersBroadcastShapesWhenNodesAreAdded() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT32, 2, 3));
        Node b = g.constant("b", Tensor.of(new float[] {1, 2, 3}, 3));
        Node y = g.add(x, b);
        assertEquals(TensorType.of(DType.FLOAT32, 2, 3), y.type());
        Node s = g.sum(y, 1);
        assertEquals(TensorType.of(DType.FLOAT32, 2), s.type());
        Node m = g.mean(y);
        assertEquals(TensorType.of(DType.FLOAT32), m.type());
    }

    @Test
    void wrongShapeIsReportedAtBuildTimeNamingTheNode() {
        Graph g = new Graph();
        Node a = g.placeholder("a", TensorType.of(DType.FLOAT32, 2, 3));
        Node b = g.placeholder("b", TensorType.of(DType.FLOAT32, 4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.apply("h", new dev.weft.graph.ops.MatMulOp(), List.of(a, b)));
        assertTrue(e.getMessage().startsWith("node 'h' (MatMul)"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> g.add(a, b));
        assertTrue(add.getMessage().contains("do not broadcast"), add.getMessage());
    }

    @Test
    void unknownDimensionsPropagate() {
        Graph g = new Graph();
        Node x = g.placeholder("x", new TensorType(DType.FLOAT32, new int[] {-1, 4}));
        Node w = g.constant("w", Tensor.zeros(DType.FLOAT32, dev.weft.tensor.Shape.of(4, 2)));
        Node y = g.matmul(x, w);
        assertArrayEquals(new int[] {-1, 2}, y.type().dims());
        assertEquals("float32[?, 2]", y.type().toString());
    }

    @Test
    void refusesDuplicateNamesMixedDtypesAndForeignNodes() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT32, 2));
        assertThrows(IllegalArgumentException.class, () -> g.placeholder("x", TensorType.of(DType.FLOAT32, 2)));
        Node d = g.placeholder("d", TensorType.of(DType.FLOAT64, 2));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> g.mul(x, d));
        assertTrue(mixed.getMessage().contains("different dtypes"), mixed.getMessage());
        Graph other = new Graph();
        Node foreign = other.placeholder("f", TensorType.of(DType.FLOAT32, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.add(x, foreign));
        assertTrue(e.getMessage().contains("another graph"), e.getMessage());
        IllegalArgumentException unary = assertThrows(IllegalArgumentException.class,
                () -> g.exp(g.placeholder("i", TensorType.of(DType.INT64, 2))));
        assertTrue(unary.getMessage().contains("floating-point"), unary.getMessage());
    }

    @Test
    void absentOptionalInputsAreNullEntries() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT32, 2));
        Op firstPresent = new SimpleOp() {
            @Override public String name() { return "FirstPresent"; }
            @Override public TensorType inferType(List<TensorType> in) { return in.get(0); }
            @Override public Tensor compute(List<Tensor> in) { return in.get(0); }
        };
        Node y = g.apply("y", firstPresent, java.util.Arrays.asList(x, null));
        assertEquals(2, y.inputs().size());
        assertEquals(null, y.inputs().get(1));
    }

    @Test
    void lookupByNameNamesTheMissingNode() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT32, 2));
        assertSame(x, g.node("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.node("nope"));
        assertTrue(e.getMessage().contains("'nope'"));
    }

    @Test
    void dotShowsEveryVertexAndEdge() {
        Graph g = new Graph();
        Node x = g.placeholder("x", TensorType.of(DType.FLOAT64, 1, 1));
        Node w = g.constant("W", Tensor.of(new double[] {1}, 1, 1));
        Node h = g.apply("h", new dev.weft.graph.ops.MatMulOp(), List.of(w, x));
        g.markOutput(g.sigmoid(h));
        String dot = g.toDot();
        assertTrue(dot.startsWith("digraph weft {"));
        assertTrue(dot.contains("label=\"h\\nMatMul\\nfloat64[1, 1]\""), dot);
        assertTrue(dot.contains("n1 -> n2 [label=\"0\"]"), dot);
        assertTrue(dot.contains("n0 -> n2 [label=\"1\"]"), dot);
        assertTrue(dot.contains("doublecircle"), dot);
    }
}
