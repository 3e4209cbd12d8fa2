package dev.weft.graph;

import java.util.Map;

/** Writes a graph as Graphviz DOT: ops as boxes, leaves as ellipses, outputs double-circled. */
final class DotWriter {
    private DotWriter() {}

    static String write(Graph g) {
        StringBuilder sb = new StringBuilder("digraph weft {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n");
        for (Node n : g.nodes()) {
            if (!n.isVertex()) continue;
            String shape = switch (n.kind()) {
                case OP -> "box";
                case PLACEHOLDER -> "invhouse";
                case VARIABLE -> "ellipse, style=filled, fillcolor=\"#e8f0ff\"";
                default -> "ellipse";
            };
            String what = n.kind() == Node.Kind.OP ? n.op().name() : n.kind().name().toLowerCase(java.util.Locale.ROOT);
            sb.append("  n").append(n.id()).append(" [shape=").append(shape).append(", label=\"")
                    .append(escape(n.name())).append("\\n").append(escape(what)).append("\\n")
                    .append(escape(String.join(", ", n.types().stream().map(TensorType::toString).toList())))
                    .append("\"];\n");
        }
        for (Node n : g.nodes()) {
            if (n.kind() != Node.Kind.OP) continue;
            for (int i = 0; i < n.inputs().size(); i++) {
                Node in = n.inputs().get(i);
                if (in == null) continue;
                Node from = in.kind() == Node.Kind.OUTPUT ? in.source() : in;
                sb.append("  n").append(from.id()).append(" -> n").append(n.id()).append(" [label=\"")
                        .append(in.kind() == Node.Kind.OUTPUT ? in.index() + "→" : "").append(i).append("\"];\n");
            }
        }
        int k = 0;
        for (Map.Entry<String, Node> out : g.outputs().entrySet()) {
            Node from = out.getValue().kind() == Node.Kind.OUTPUT ? out.getValue().source() : out.getValue();
            sb.append("  out").append(k).append(" [shape=doublecircle, label=\"").append(escape(out.getKey())).append("\"];\n");
            sb.append("  n").append(from.id()).append(" -> out").append(k++).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }
}
