/**
 * Expression graphs, in the style of Gorgonia's ExprGraph: a {@link dev.weft.graph.Graph} of
 * {@link dev.weft.graph.Node}s, each a value (constant, variable, placeholder) or an
 * {@link dev.weft.graph.Op} applied to earlier nodes.
 *
 * <p>Nodes can only refer to nodes that already exist, so a graph is a DAG by construction and
 * node ids are a topological order. Types ({@link dev.weft.graph.TensorType}) are inferred as each
 * node is added, so a wrong shape fails at build time with the node's name, not at run time.
 */
package dev.weft.graph;
