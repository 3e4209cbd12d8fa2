package dev.weft.onnx;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.Op;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.Machine;
import dev.weft.machine.SequentialMachine;
import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a loaded model onto a weft {@link Graph}: model inputs become placeholders (symbolic dims
 * unknown), initializers and Constant nodes become constants, each node becomes one vertex, and the
 * model outputs are marked as graph outputs under their ONNX names.
 *
 * <p>Types: each vertex declares its output dtypes (from the op's dtype rule) with unknown rank;
 * shapes are data-dependent in ONNX (Reshape, Expand, ...), so machines check dtypes and the
 * kernels check shapes.
 */
public final class OnnxGraphs {
    private OnnxGraphs() {}

    /** The graph of a model. */
    public static Graph build(OnnxModel model) {
        Program p = model.program();
        Graph g = new Graph();
        Map<String, Node> values = new HashMap<>();
        for (InputSpec in : model.inputs()) {
            if (in.dtype() == null) throw new UnsupportedOnnxException("unsupported: input '" + in.name() + "' has no element type");
            values.put(in.name(), g.placeholder(in.name(), type(in)));
        }
        for (var e : p.constants().entrySet()) {
            if (!values.containsKey(e.getKey())) values.put(e.getKey(), g.constant(e.getKey(), e.getValue()));
        }
        int k = 0;
        for (Program.Step s : p.steps()) {
            List<Node> ins = new ArrayList<>();
            for (String n : s.node().inputs()) ins.add(n.isEmpty() ? null : lookup(values, n, s));
            for (String n : model.compiler().subgraphOuterNames(s.node())) ins.add(lookup(values, n, s));
            OnnxOp op = s.op();
            Op gop = op.outputCount() == 1 ? new SingleOutputOp(new GraphOp(op)) : new GraphOp(op);
            List<String> outs = s.node().outputs();
            if (op.outputCount() == 1 && !outs.getFirst().isEmpty() && !values.containsKey(outs.getFirst())) {
                values.put(outs.getFirst(), g.apply(outs.getFirst(), gop, ins));
            } else {
                List<Node> nodes = g.applyMulti("op#" + (k++) + ":" + s.node().opType(), gop, ins);
                for (int i = 0; i < outs.size(); i++) if (!outs.get(i).isEmpty()) values.put(outs.get(i), nodes.get(i));
            }
        }
        for (String o : p.outputs()) {
            Node n = values.get(o);
            if (n == null) throw new OnnxFormatException("graph output '" + o + "' is never computed");
            g.markOutput(o, n);
        }
        return g;
    }

    private static Node lookup(Map<String, Node> values, String name, Program.Step s) {
        Node n = values.get(name);
        if (n == null) throw new OnnxFormatException("node " + s.node().label() + " reads '" + name + "', which is not defined");
        return n;
    }

    private static TensorType type(InputSpec in) {
        if (in.dims() == null) return TensorType.unknownRank(in.dtype());
        int[] d = new int[in.dims().length];
        for (int i = 0; i < d.length; i++) d[i] = in.dims()[i] < 0 || in.dims()[i] > Integer.MAX_VALUE ? -1 : (int) in.dims()[i];
        return new TensorType(in.dtype(), d);
    }

    /** A machine for the model's graph: {@code sequential} or {@code concurrent}. */
    public static Machine machine(OnnxModel model, String kind) {
        Graph g = build(model);
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "sequential" -> new SequentialMachine(g);
            // Adaptive: heavy vertices get threads of their own, cheap ones ride with their producer.
            case "concurrent" -> new ConcurrentMachine(g, ConcurrentMachine.Partitioning.ADAPTIVE,
                    ConcurrentMachine.DEFAULT_ADAPTIVE_THRESHOLD_NANOS);
            default -> throw new IllegalArgumentException("unknown machine '" + kind + "'; use sequential or concurrent");
        };
    }

    /**
     * An ONNX op as a weft graph op. Output count and dtypes come from the ONNX op; results are
     * trimmed or padded (with empty tensors for absent optional outputs) to the node's output count.
     */
    record GraphOp(OnnxOp op) implements Op {
        @Override
        public String name() { return op.name(); }

        @Override
        public int outputCount() { return op.outputCount(); }

        @Override
        public List<TensorType> inferTypes(List<TensorType> inputs) {
            List<DType> dts = new ArrayList<>(inputs.size());
            for (TensorType t : inputs) dts.add(t == null ? null : t.dtype());
            List<TensorType> out = new ArrayList<>();
            for (DType d : op.outputTypes(dts)) out.add(TensorType.unknownRank(d));
            return out;
        }

        @Override
        public List<Tensor> apply(List<Tensor> inputs) {
            return fit(op.apply(inputs), inputs);
        }

        /** The kernel's results trimmed or padded to the node's output count. */
        List<Tensor> fit(List<Tensor> r, List<Tensor> inputs) {
            if (r.size() == op.outputCount()) return r;
            List<Tensor> fixed = new ArrayList<>(r.subList(0, Math.min(r.size(), op.outputCount())));
            List<DType> dts = new ArrayList<>();
            for (Tensor t : inputs) dts.add(t == null ? null : t.dtype());
            while (fixed.size() < op.outputCount()) {
                fixed.add(Tensor.zeros(op.dtypes().outputType(fixed.size(), dts), Shape.of(0)));
            }
            return fixed;
        }
    }

    /**
     * A one-output ONNX op as a {@link SimpleOp}, so machines take its result without a list when
     * its kernel is a {@link SingleKernel}.
     */
    record SingleOutputOp(GraphOp op) implements SimpleOp {
        @Override
        public String name() { return op.name(); }

        @Override
        public TensorType inferType(List<TensorType> inputs) { return op.inferTypes(inputs).getFirst(); }

        @Override
        public Tensor compute(List<Tensor> inputs) {
            OnnxOp o = op.op();
            return o.kernel() instanceof SingleKernel ? o.applyFirst(inputs) : op.fit(o.apply(inputs), inputs).getFirst();
        }
    }
}
