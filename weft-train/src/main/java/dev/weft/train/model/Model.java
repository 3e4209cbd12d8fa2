package dev.weft.train.model;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import java.util.List;

/**
 * A classifier as a graph: placeholders {@code features} ([N, F] float32) and {@code labels}
 * ([N] int64), the {@code logits} node ([N, classes]), the scalar {@code loss} node, and the
 * variables that training updates.
 */
public record Model(String name, Graph graph, Node features, Node labels, Node logits, Node loss, List<Node> parameters) {
    public Model {
        parameters = List.copyOf(parameters);
        for (Node p : parameters) {
            if (p.kind() != Node.Kind.VARIABLE) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is a " + p.kind() + ", not a variable");
            }
        }
    }
}
