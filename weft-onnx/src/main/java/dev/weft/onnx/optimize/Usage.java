package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Program;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who reads each value of a program: how many node inputs name it, and whether it is protected
 * (a graph output, or read by a subgraph through its outer scope), which no pass may rename.
 */
record Usage(Map<String, Integer> reads, Set<String> protectedNames) {

    static Usage of(Program p, Compiler compiler) {
        Map<String, Integer> reads = new HashMap<>();
        Set<String> prot = new HashSet<>(p.outputs());
        prot.addAll(p.outerNames());
        for (Program.Step s : p.steps()) {
            for (String in : s.node().inputs()) if (!in.isEmpty()) reads.merge(in, 1, Integer::sum);
            prot.addAll(compiler.subgraphOuterNames(s.node()));
        }
        return new Usage(reads, prot);
    }

    int readers(String name) { return reads.getOrDefault(name, 0); }

    /** True when {@code name} is read by exactly one node input and by nothing else. */
    boolean readOnceInternally(String name) { return readers(name) == 1 && !protectedNames.contains(name); }

    /**
     * The index of the one step that reads step {@code i}'s output, or -1 when step i has several
     * outputs, its output has other readers or is protected (a graph output), or nothing after it
     * reads it: the step a pass may merge into step i's reader.
     */
    int soleReader(List<Program.Step> steps, int i) {
        List<String> outs = steps.get(i).node().outputs();
        if (outs.size() != 1 || !readOnceInternally(outs.getFirst())) return -1;
        return readerAfter(steps, i, outs.getFirst());
    }

    /** The index of the first step after {@code from} that reads {@code name}, or -1. */
    static int readerAfter(List<Program.Step> steps, int from, String name) {
        for (int j = from + 1; j < steps.size(); j++) if (steps.get(j).node().inputs().contains(name)) return j;
        return -1;
    }

    /** Replaces {@code from} by {@code to} among the inputs of every step. */
    static List<Program.Step> rename(List<Program.Step> steps, String from, String to) {
        return steps.stream().map(s -> s.node().inputs().contains(from)
                ? new Program.Step(Nodes.withInputs(s.node(), s.node().inputs().stream().map(n -> n.equals(from) ? to : n).toList()), s.op())
                : s).toList();
    }
}
