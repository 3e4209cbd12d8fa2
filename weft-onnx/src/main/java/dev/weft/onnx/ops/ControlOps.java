package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Control flow: If, Loop and Scan (opset 9+), running their bodies as {@link Subgraph}s. Values
 * the bodies read from enclosing scopes arrive as extra inputs after the node's own, in the order
 * of {@link OpContext#outerNames()}.
 */
final class ControlOps {
    private ControlOps() {}

    static void register(OpRegistry r) {
        r.add("If", 1, c -> {
            Subgraph then = c.subgraph("then_branch"), otherwise = c.subgraph("else_branch");
            List<String> outer = c.outerNames();
            int own = c.inputCount();
            return c.op(in -> {
                Map<String, Tensor> env = outerValues(in, own, outer);
                boolean cond = in.get(0).getLong(0) != 0;
                return (cond ? then : otherwise).run(List.of(), env);
            }, (o, ins) -> {
                Map<String, DType> env = outerTypes(ins, own, outer);
                DType d = then.inferOutputTypes(List.of(), env).get(o);
                return d != null ? d : otherwise.inferOutputTypes(List.of(), env).get(o);
            });
        });
        r.add("Loop", 1, c -> {
            Subgraph body = c.subgraph("body");
            List<String> outer = c.outerNames();
            int own = c.inputCount();
            int carried = own - 2;
            return c.op(in -> loop(body, in, own, carried, outer), (o, ins) -> {
                if (o < carried && ins.size() > o + 2 && ins.get(o + 2) != null) return ins.get(o + 2);
                List<DType> formals = new ArrayList<>(List.of(DType.INT64, DType.BOOL));
                formals.addAll(ins.subList(2, own));
                DType d = body.inferOutputTypes(formals, outerTypes(ins, own, outer)).get(o + 1);
                return d != null ? d : DType.FLOAT32;
            });
        });
        r.add("Scan", 9, c -> {
            Subgraph body = c.subgraph("body");
            List<String> outer = c.outerNames();
            int own = c.inputCount();
            int m = c.attrIntExact("num_scan_inputs", 0);
            int n = own - m;
            int[] inAxes = c.attrIntArray("scan_input_axes", new int[m]);
            int[] inDirs = c.attrIntArray("scan_input_directions", new int[m]);
            int k = c.outputCount() - n;
            int[] outAxes = c.attrIntArray("scan_output_axes", new int[k]);
            int[] outDirs = c.attrIntArray("scan_output_directions", new int[k]);
            return c.op(in -> scan(body, in, own, n, m, inAxes, inDirs, outAxes, outDirs, outer), (o, ins) -> {
                if (o < n && ins.get(o) != null) return ins.get(o);
                DType d = body.inferOutputTypes(ins.subList(0, own), outerTypes(ins, own, outer)).get(o);
                return d != null ? d : DType.FLOAT32;
            });
        });
    }

    private static Map<String, DType> outerTypes(List<DType> in, int own, List<String> outer) {
        Map<String, DType> env = new HashMap<>();
        for (int i = 0; i < outer.size() && own + i < in.size(); i++) env.put(outer.get(i), in.get(own + i));
        return env;
    }

    private static Map<String, Tensor> outerValues(List<Tensor> in, int own, List<String> outer) {
        Map<String, Tensor> env = new HashMap<>();
        for (int i = 0; i < outer.size(); i++) env.put(outer.get(i), in.get(own + i));
        return env;
    }

    private static List<Tensor> loop(Subgraph body, List<Tensor> in, int own, int carried, List<String> outer) {
        Map<String, Tensor> env = outerValues(in, own, outer);
        long max = in.get(0) == null ? Long.MAX_VALUE : in.get(0).getLong(0);
        boolean cond = in.get(1) == null || in.get(1).getLong(0) != 0;
        List<Tensor> state = new ArrayList<>(in.subList(2, own));
        List<List<Tensor>> scans = new ArrayList<>();
        int scanCount = body.outputCount() - 1 - carried;
        for (int i = 0; i < scanCount; i++) scans.add(new ArrayList<>());
        for (long it = 0; it < max && cond; it++) {
            List<Tensor> formals = new ArrayList<>();
            formals.add(Tensor.scalar(DType.INT64, it));
            formals.add(Tensor.scalar(DType.BOOL, cond ? 1 : 0));
            formals.addAll(state);
            List<Tensor> out = body.run(formals, env);
            cond = out.get(0).getLong(0) != 0;
            state = new ArrayList<>(out.subList(1, 1 + carried));
            for (int i = 0; i < scanCount; i++) scans.get(i).add(out.get(1 + carried + i));
            if (it > 10_000_000) throw new IllegalArgumentException("Loop ran more than 10 million iterations");
        }
        List<Tensor> result = new ArrayList<>(state);
        for (int i = 0; i < scanCount; i++) {
            List<Tensor> parts = scans.get(i);
            if (parts.isEmpty()) {
                DType d = body.outputTypes().get(1 + carried + i);
                result.add(Tensor.zeros(d == null ? DType.FLOAT32 : d, dev.weft.tensor.Shape.of(0)));
            } else {
                result.add(stack(parts, 0));
            }
        }
        return result;
    }

    /** Stacks equal-shaped tensors along a new axis. */
    static Tensor stack(List<Tensor> parts, int axis) {
        List<Tensor> un = new ArrayList<>();
        for (Tensor t : parts) un.add(t.unsqueeze(axis));
        return SliceOps.concat(un, axis);
    }

    private static List<Tensor> scan(Subgraph body, List<Tensor> in, int own, int n, int m, int[] inAxes, int[] inDirs,
                                     int[] outAxes, int[] outDirs, List<String> outer) {
        Map<String, Tensor> env = outerValues(in, own, outer);
        List<Tensor> state = new ArrayList<>(in.subList(0, n));
        List<Tensor> xs = in.subList(n, own);
        int[] axes = new int[m];
        int steps = -1;
        for (int i = 0; i < m; i++) {
            axes[i] = Indexing.axis(inAxes[i], xs.get(i).rank());
            int len = xs.get(i).shape().dim(axes[i]);
            if (steps >= 0 && len != steps) throw new IllegalArgumentException("Scan inputs have different lengths " + steps + " and " + len);
            steps = len;
        }
        int k = body.outputCount() - n;
        List<List<Tensor>> outs = new ArrayList<>();
        for (int i = 0; i < k; i++) outs.add(new ArrayList<>());
        for (int t = 0; t < Math.max(steps, 0); t++) {
            List<Tensor> formals = new ArrayList<>(state);
            for (int i = 0; i < m; i++) {
                int at = inDirs[i] != 0 ? steps - 1 - t : t;
                formals.add(xs.get(i).slice(axes[i], at, at + 1, 1).squeeze(axes[i]).contiguous());
            }
            List<Tensor> res = body.run(formals, env);
            state = new ArrayList<>(res.subList(0, n));
            for (int i = 0; i < k; i++) outs.get(i).add(res.get(n + i));
        }
        List<Tensor> result = new ArrayList<>(state);
        for (int i = 0; i < k; i++) {
            List<Tensor> parts = new ArrayList<>(outs.get(i));
            if (outDirs[i] != 0) java.util.Collections.reverse(parts);
            int axis = parts.isEmpty() ? 0 : Indexing.axis(outAxes[i], parts.getFirst().rank() + 1);
            result.add(parts.isEmpty() ? Tensor.zeros(DType.FLOAT32, dev.weft.tensor.Shape.of(0)) : stack(parts, axis));
        }
        return result;
    }
}
