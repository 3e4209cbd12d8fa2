package dev.weft.graph;

import java.util.List;

/**
 * An op that declares its derivative, so {@link dev.weft.graph.autodiff.Autodiff} can add its
 * backward pass to a graph as ordinary nodes, which any machine then runs.
 *
 * <p>Contract: given a forward node of this op and, for each of its outputs, the node holding
 * dLoss/dOutput (null when no gradient flows into that output), add to {@code g} the nodes that
 * compute dLoss/dInput and return one per input, in input order. An entry is null for an input
 * that has no gradient (an integer index, a shape). Each returned gradient must have exactly its
 * input's shape: ops that broadcast reduce the gradient back (see {@code SumTo}).
 */
public interface Differentiable extends Op {
    List<Node> gradients(Graph g, Node node, List<Node> upstream);
}
