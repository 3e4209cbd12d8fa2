package dev.weft.onnx.load;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Program} node by node on the calling thread. Used for subgraph bodies (If, Loop,
 * Scan), which run once per call of their node. Stateless and thread-safe.
 */
public final class Interpreter {
    private Interpreter() {}

    /** Evaluates the program on {@code feed} (inputs and outer-scope values), returning its outputs by name. */
    public static Map<String, Tensor> run(Program p, Map<String, Tensor> feed) {
        return run(p, feed, null);
    }

    /** As {@link #run(Program, Map)}; {@code implicit} gives each subgraph node's outer-scope inputs. */
    public static Map<String, Tensor> run(Program p, Map<String, Tensor> feed, Compiler implicit) {
        Map<String, Tensor> env = new HashMap<>(feed);
        env.putAll(p.constants());
        for (Program.Step s : p.steps()) {
            List<Tensor> ins = new ArrayList<>();
            for (String n : s.node().inputs()) {
                if (n.isEmpty()) {
                    ins.add(null);
                    continue;
                }
                Tensor t = env.get(n);
                if (t == null) throw new OnnxFormatException("node " + s.node().label() + ": input '" + n + "' has no value");
                ins.add(t);
            }
            for (String n : implicitOf(s, implicit)) ins.add(env.get(n));
            List<Tensor> outs;
            try {
                outs = s.op().apply(ins);
            } catch (RuntimeException e) {
                throw NodeFailure.wrap(s.node(), e);
            }
            for (int i = 0; i < s.node().outputs().size() && i < outs.size(); i++) {
                String n = s.node().outputs().get(i);
                if (!n.isEmpty()) env.put(n, outs.get(i));
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String o : p.outputs()) {
            Tensor t = env.get(o);
            if (t == null) throw new OnnxFormatException("output '" + o + "' was not computed");
            out.put(o, t);
        }
        return out;
    }

    private static List<String> implicitOf(Program.Step s, Compiler c) {
        return c == null ? List.of() : c.subgraphOuterNames(s.node());
    }
}
