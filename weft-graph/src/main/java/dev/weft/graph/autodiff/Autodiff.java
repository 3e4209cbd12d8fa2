package dev.weft.graph.autodiff;

import dev.weft.graph.Differentiable;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.ops.Binary;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.BinaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gorgonia's {@code Grad}: adds to a graph the nodes computing the gradient of a loss with respect
 * to chosen nodes.
 *
 * <p>The pass visits, in reverse topological order, only nodes that lie between a {@code wrt}
 * node and the loss; each asks its op's {@link Differentiable} rule for its inputs' gradients, and
 * contributions reaching one node along several paths are added. An op on that path without a
 * rule is reported by name. A {@code wrt} node that the loss does not depend on gets a zero
 * gradient of its own shape.
 */
public final class Autodiff {
    private Autodiff() {}

    /** The gradient of {@code loss} with respect to each of {@code wrt}, as new nodes of the same graph. */
    public static List<Node> grad(Node loss, Node... wrt) { return grad(loss, Arrays.asList(wrt)); }

    /**
     * {@link #grad(Node, Node...)} for a list.
     *
     * @throws IllegalArgumentException when the loss is not floating point, a {@code wrt} node is of
     *                                  another graph or not floating point, or the path from a
     *                                  {@code wrt} node to the loss crosses an op without a derivative
     *                                  (the message names that node and op)
     */
    public static List<Node> grad(Node loss, List<Node> wrt) {
        Graph g = loss.graph();
        if (!loss.type().dtype().isFloating()) {
            throw new IllegalArgumentException("the loss '" + loss.name() + "' is " + loss.type() + "; it must be floating point");
        }
        if (!loss.type().isConcrete()) {
            throw new IllegalArgumentException("the loss '" + loss.name() + "' has shape " + loss.type()
                    + "; its shape must be known to seed the gradient");
        }
        List<Node> nodes = g.nodes();
        boolean[] fromWrt = new boolean[nodes.size()];
        for (Node w : wrt) {
            if (w.graph() != g) throw new IllegalArgumentException("'" + w.name() + "' belongs to another graph than the loss");
            if (!w.type().dtype().isFloating()) {
                throw new IllegalArgumentException("cannot differentiate with respect to '" + w.name() + "' of type " + w.type());
            }
            fromWrt[w.id()] = true;
        }
        for (Node n : nodes) {
            for (Node in : n.inputs()) if (in != null && fromWrt[in.id()]) fromWrt[n.id()] = true;
        }

        Map<Node, List<Node>> contributions = new HashMap<>();
        contributions.computeIfAbsent(loss, k -> new ArrayList<>())
                .add(g.constant(Tensor.full(loss.type().dtype(), loss.type().shape(), 1)));
        Map<Node, Node> totals = new HashMap<>();
        for (int id = loss.id(); id >= 0; id--) {
            Node n = nodes.get(id);
            if (!fromWrt[id]) continue;
            Node total = sum(g, contributions.get(n));
            if (total == null && n.kind() != Node.Kind.OP) continue;
            if (total != null) totals.put(n, total);
            // An output projection's total is picked up by its op (which comes earlier) from 'totals'.
            if (n.kind() == Node.Kind.OP) propagate(g, n, total, totals, contributions, fromWrt);
        }
        List<Node> result = new ArrayList<>(wrt.size());
        for (Node w : wrt) {
            Node t = totals.get(w);
            if (t == null) {
                if (!w.type().isConcrete()) {
                    throw new IllegalArgumentException("the loss does not depend on '" + w.name() + "'");
                }
                t = g.constant(Tensor.zeros(w.type().dtype(), w.type().shape()));
            }
            result.add(t);
        }
        return result;
    }

    private static void propagate(Graph g, Node n, Node total, Map<Node, Node> totals,
                                  Map<Node, List<Node>> contributions, boolean[] fromWrt) {
        List<Node> upstream;
        if (n.op().outputCount() == 1) {
            if (total == null) return;
            upstream = List.of(total);
        } else {
            // A multi-output op: gather the totals its output projections (later ids) already reached.
            Node[] ups = new Node[n.op().outputCount()];
            boolean any = false;
            for (Map.Entry<Node, Node> e : totals.entrySet()) {
                if (e.getKey().kind() == Node.Kind.OUTPUT && e.getKey().source() == n) {
                    ups[e.getKey().index()] = e.getValue();
                    any = true;
                }
            }
            if (!any) return;
            upstream = Arrays.asList(ups);
        }
        if (!(n.op() instanceof Differentiable d)) {
            throw new IllegalArgumentException("cannot differentiate through node '" + n.name() + "' (" + n.op().name()
                    + "): the op declares no derivative");
        }
        List<Node> grads = d.gradients(g, n, upstream);
        for (int i = 0; i < n.inputs().size(); i++) {
            Node in = n.inputs().get(i);
            if (in == null || !fromWrt[in.id()] || grads.get(i) == null) continue;
            contributions.computeIfAbsent(in, k -> new ArrayList<>()).add(grads.get(i));
        }
    }

    private static Node sum(Graph g, List<Node> parts) {
        if (parts == null || parts.isEmpty()) return null;
        Node total = parts.get(0);
        for (int i = 1; i < parts.size(); i++) total = g.apply(new Binary(BinaryOp.ADD), total, parts.get(i));
        return total;
    }
}
