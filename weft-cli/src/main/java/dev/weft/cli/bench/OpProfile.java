package dev.weft.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where one engine's run time goes, by operator type: milliseconds per run spent inside the
 * kernels of each type (each node's median over the profiled runs, see {@link Builder}), and how
 * many nodes of that type ran per run.
 * Time outside every kernel (scheduling, hand-offs, the engine's own bookkeeping) is not in it.
 *
 * <p>Engines name and fuse ops differently, so types are normalised before they are compared: a
 * fused weft vertex such as {@code Conv+Relu} counts as {@code Conv}, and an ONNX Runtime kernel
 * such as {@code FusedConv} or {@code QuickGelu} keeps its own name unless it is a
 * {@code Fused}-prefixed form of a standard op.
 */
public record OpProfile(String engine, Map<String, Double> msPerRun, Map<String, Double> nodesPerRun, Map<String, Double> msPerNode) {

    /**
     * Accumulates kernel times; not thread-safe.
     *
     * <p>Each node's figure is the median of its executions times how many it ran per run, and each
     * type's the sum of its nodes' figures. A mean let one stall of the machine (a page fault, a
     * preempted vCPU) land on whichever node was running: averaged over 20 runs, a single 5 ms stall
     * added 0.25 ms to a node that takes 20 µs.
     */
    public static final class Builder {
        private final Map<String, List<Long>> times = new LinkedHashMap<>();
        private final Map<String, String> typeOf = new LinkedHashMap<>();

        /** Adds one execution of node {@code node}, a kernel of type {@code op}, that took {@code nanos}. */
        public Builder add(String node, String op, long nanos) {
            times.computeIfAbsent(node, k -> new ArrayList<>()).add(nanos);
            typeOf.putIfAbsent(node, normalise(op));
            return this;
        }

        /** The profile of {@code runs} runs' worth of added executions. */
        public OpProfile build(String engine, int runs) {
            if (runs < 1) throw new IllegalArgumentException("a profile needs at least one run, not " + runs);
            Map<String, Double> m = new LinkedHashMap<>(), n = new LinkedHashMap<>(), b = new LinkedHashMap<>();
            times.forEach((node, list) -> {
                double perRun = median(list) / 1e6 * list.size() / runs;
                b.put(node, perRun);
                String type = typeOf.get(node);
                m.merge(type, perRun, Double::sum);
                n.merge(type, (double) list.size() / runs, Double::sum);
            });
            return new OpProfile(engine, Map.copyOf(m), Map.copyOf(n), Map.copyOf(b));
        }

        private static double median(List<Long> list) {
            long[] v = list.stream().mapToLong(Long::longValue).sorted().toArray();
            int h = v.length / 2;
            return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2.0;
        }
    }

    /** The op type that {@code op} is compared under: see the class documentation. */
    static String normalise(String op) {
        String s = op;
        int plus = s.indexOf('+');
        if (plus > 0) s = s.substring(0, plus);
        if (s.startsWith("Fused") && s.length() > 5) s = s.substring(5);
        return s;
    }

    /** Milliseconds per run over all types. */
    public double totalMs() { return msPerRun.values().stream().mapToDouble(Double::doubleValue).sum(); }

    /**
     * Prints a table of op types, heaviest in the first profile first: milliseconds per run for each
     * profile, and each later profile's share over the first's where both ran the type.
     */
    public static void print(PrintWriter out, String model, List<OpProfile> profiles) {
        if (profiles.isEmpty()) return;
        OpProfile first = profiles.get(0);
        TreeSet<String> types = new TreeSet<>();
        for (OpProfile p : profiles) types.addAll(p.msPerRun.keySet());
        List<String> order = new ArrayList<>(types);
        order.sort((a, b) -> Double.compare(first.msPerRun.getOrDefault(b, 0.0), first.msPerRun.getOrDefault(a, 0.0)));
        header(out, model + ": op", " ms/run (nodes)", profiles);
        for (String t : order) out.println(line(t, profiles, p -> p.msPerRun.get(t), p -> p.nodesPerRun.get(t)));
        out.println(line("all kernels", profiles, OpProfile::totalMs, p -> p.nodesPerRun.values().stream().mapToDouble(Double::doubleValue).sum()));
        out.println();
        printNodes(out, model, profiles, 15);
        out.flush();
    }

    /**
     * The {@code top} heaviest nodes of the first profile, each beside the same node in the others.
     * Engines that fuse may rename a node (ONNX Runtime appends to a fused node's name), so a node
     * missing from a profile is looked up as the name's prefix there.
     */
    private static void printNodes(PrintWriter out, String model, List<OpProfile> profiles, int top) {
        OpProfile first = profiles.get(0);
        List<String> heavy = new ArrayList<>(first.msPerNode.keySet());
        heavy.sort((a, b) -> Double.compare(first.msPerNode.get(b), first.msPerNode.get(a)));
        header(out, model + ": node", " ms/run", profiles);
        for (String node : heavy.subList(0, Math.min(top, heavy.size()))) {
            out.println(line(node, profiles, p -> p.nodeMs(node), null));
        }
    }

    /** The header and rule of a table: the first column, one per profile, then one ratio per later profile. */
    private static void header(PrintWriter out, String first, String unit, List<OpProfile> profiles) {
        StringBuilder h = new StringBuilder("| ").append(first).append(" |");
        StringBuilder rule = new StringBuilder("|---|");
        for (OpProfile p : profiles) {
            h.append(' ').append(p.engine).append(unit).append(" |");
            rule.append("---|");
        }
        for (OpProfile p : profiles.subList(1, profiles.size())) {
            h.append(' ').append(profiles.get(0).engine).append(" / ").append(p.engine).append(" |");
            rule.append("---|");
        }
        out.println(h);
        out.println(rule);
    }

    /** Milliseconds per run of {@code node}, or of the one node whose name starts with it, else null. */
    private Double nodeMs(String node) {
        Double v = msPerNode.get(node);
        if (v != null) return v;
        Double found = null;
        for (var e : msPerNode.entrySet()) {
            if (e.getKey().startsWith(node)) {
                if (found != null) return null;
                found = e.getValue();
            }
        }
        return found;
    }

    /** One row: each profile's milliseconds (and node count, unless {@code nodes} is null), then the ratios. */
    private static String line(String label, List<OpProfile> profiles,
                               java.util.function.Function<OpProfile, Double> ms, java.util.function.Function<OpProfile, Double> nodes) {
        StringBuilder sb = new StringBuilder("| ").append(label).append(" |");
        for (OpProfile p : profiles) {
            Double v = ms.apply(p);
            if (v == null) sb.append(" - |");
            else if (nodes == null) sb.append(String.format(Locale.ROOT, " %.3f |", v));
            else sb.append(String.format(Locale.ROOT, " %.3f (%.0f) |", v, nodes.apply(p)));
        }
        Double base = ms.apply(profiles.get(0));
        for (OpProfile p : profiles.subList(1, profiles.size())) {
            Double v = ms.apply(p);
            sb.append(base == null || v == null || v == 0 ? " - |" : String.format(Locale.ROOT, " %.2f |", base / v));
        }
        return sb.toString();
    }
}
