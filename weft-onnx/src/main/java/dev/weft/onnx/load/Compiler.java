package dev.weft.onnx.load;

import dev.weft.onnx.UnsupportedOnnxException;
import dev.weft.onnx.io.TensorProtos;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.ops.OpContext;
import dev.weft.onnx.ops.OpFactory;
import dev.weft.onnx.ops.OpRegistry;
import dev.weft.onnx.ops.Subgraph;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.FunctionProto;
import dev.weft.onnx.proto.GraphProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.onnx.proto.TensorProto;
import dev.weft.onnx.proto.ValueInfoProto;
import dev.weft.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns graphs into {@link Program}s: decodes initializers, evaluates Constant nodes, inlines
 * model-local functions, and resolves each node's op type against the registry at the opset version
 * the model imports for its domain. An op weft lacks is refused with an
 * {@link UnsupportedOnnxException} naming it.
 */
public final class Compiler {
    private final Map<String, Long> opsets;
    private final Path baseDir;
    private final OpRegistry registry;
    private final Map<String, FunctionProto> functions = new LinkedHashMap<>();

    public Compiler(Map<String, Long> opsets, Path baseDir, List<FunctionProto> functions) {
        this.opsets = opsets;
        this.baseDir = baseDir;
        this.registry = OpRegistry.standard();
        for (FunctionProto f : functions) this.functions.put(f.domain() + ":" + f.name(), f);
    }

    /** Compiles the main graph. */
    public Program compile(GraphProto graph) { return compile(graph, Set.of()); }

    Program compile(GraphProto graph, Set<String> outerScope) {
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (TensorProto t : graph.initializers()) {
            constants.put(t.name(), TensorProtos.decode(t, baseDir, "initializer '" + t.name() + "'"));
        }
        if (graph.sparseInitializers() > 0) throw new UnsupportedOnnxException("unsupported: sparse initializers");
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.inputs()) if (!constants.containsKey(v.name())) inputs.add(v);
        Set<String> defined = new LinkedHashSet<>(constants.keySet());
        for (ValueInfoProto v : inputs) defined.add(v.name());
        List<Program.Step> steps = new ArrayList<>();
        Set<String> outer = new LinkedHashSet<>();
        for (NodeProto node : expandFunctions(graph.nodes(), 0)) {
            for (String in : node.inputs()) if (!in.isEmpty() && !defined.contains(in)) outer.add(in);
            OnnxOp op = opFor(node, defined);
            if (node.opType().equals("Constant") && node.domain().isEmpty()) {
                constants.put(node.outputs().getFirst(), op.apply(List.of()).getFirst());
            } else {
                steps.add(new Program.Step(node, op));
            }
            for (String out : node.outputs()) if (!out.isEmpty()) defined.add(out);
        }
        // Outer names of nested subgraphs the node reads implicitly.
        for (Program.Step s : steps) {
            for (String n : subgraphOuterNames(s.node())) if (!defined.contains(n)) outer.add(n);
        }
        List<String> outputs = graph.outputs().stream().map(ValueInfoProto::name).toList();
        return new Program(inputs, outputs, constants, steps, List.copyOf(outer));
    }

    private final Map<NodeProto, List<String>> implicitInputs = new java.util.IdentityHashMap<>();

    /** Values from enclosing scopes that a node's subgraphs read (the node must receive them as extra inputs). */
    public List<String> subgraphOuterNames(NodeProto node) {
        return implicitInputs.getOrDefault(node, List.of());
    }

    private OnnxOp opFor(NodeProto node, Set<String> defined) {
        String domain = node.domain().equals("ai.onnx") ? "" : node.domain();
        Long version = opsets.get(domain);
        if (version == null && domain.isEmpty()) version = opsets.get("ai.onnx");
        if (version == null) {
            throw new UnsupportedOnnxException("unsupported: node " + node.label() + " uses domain '" + domain
                    + "', which the model does not import");
        }
        OpFactory f = registry.lookup(domain, node.opType(), version.intValue());
        if (f == null) {
            String d = domain.isEmpty() ? "ai.onnx" : domain;
            throw new UnsupportedOnnxException("unsupported op " + node.opType() + " (" + d + " opset " + version + ")");
        }
        OpContext ctx = new OpContext(node, version.intValue(), baseDir,
                (g, where) -> new ProgramSubgraph(compile(g, new LinkedHashSet<>(defined)), this, outputTypes(g)));
        OnnxOp op = f.create(ctx);
        if (!ctx.outerNames().isEmpty()) implicitInputs.put(node, List.copyOf(ctx.outerNames()));
        return op;
    }

    /** A subgraph run by the interpreter. */
    private static List<dev.weft.tensor.DType> outputTypes(GraphProto g) {
        List<dev.weft.tensor.DType> out = new ArrayList<>();
        for (ValueInfoProto v : g.outputs()) {
            dev.weft.tensor.DType d = null;
            if (v.type() instanceof dev.weft.onnx.proto.TypeProto.Tensor t && t.elemType() != 0) {
                d = dev.weft.onnx.io.OnnxTypes.dtype(t.elemType());
            } else if (!(v.type() instanceof dev.weft.onnx.proto.TypeProto.Tensor)
                    && !(v.type() instanceof dev.weft.onnx.proto.TypeProto.Other)) {
                throw new UnsupportedOnnxException("unsupported: subgraph output '" + v.name() + "' is not a tensor");
            }
            out.add(d);
        }
        return out;
    }

    private record ProgramSubgraph(Program program, Compiler compiler, List<dev.weft.tensor.DType> outputTypes)
            implements Subgraph {
        @Override
        public List<String> outerNames() { return program.outerNames(); }

        @Override
        public int outputCount() { return program.outputs().size(); }

        @Override
        public List<dev.weft.tensor.DType> inferOutputTypes(List<dev.weft.tensor.DType> formals,
                                                            Map<String, dev.weft.tensor.DType> outer) {
            Map<String, dev.weft.tensor.DType> env = new java.util.HashMap<>(outer);
            program.constants().forEach((k, v) -> env.put(k, v.dtype()));
            for (int i = 0; i < program.inputs().size(); i++) {
                dev.weft.tensor.DType d = i < formals.size() ? formals.get(i) : null;
                if (d == null && program.inputs().get(i).type() instanceof dev.weft.onnx.proto.TypeProto.Tensor t
                        && t.elemType() != 0) {
                    d = dev.weft.onnx.io.OnnxTypes.dtype(t.elemType());
                }
                env.put(program.inputs().get(i).name(), d);
            }
            for (Program.Step s : program.steps()) {
                List<dev.weft.tensor.DType> ins = new ArrayList<>();
                for (String n : s.node().inputs()) ins.add(n.isEmpty() ? null : env.get(n));
                for (String n : compiler.subgraphOuterNames(s.node())) ins.add(env.get(n));
                List<dev.weft.tensor.DType> outs;
                try {
                    outs = s.op().outputTypes(ins);
                } catch (RuntimeException e) {
                    outs = java.util.Collections.nCopies(s.node().outputs().size(), null);
                }
                for (int i = 0; i < s.node().outputs().size() && i < outs.size(); i++) env.put(s.node().outputs().get(i), outs.get(i));
            }
            List<dev.weft.tensor.DType> res = new ArrayList<>();
            for (int i = 0; i < program.outputs().size(); i++) {
                dev.weft.tensor.DType d = env.get(program.outputs().get(i));
                res.add(d != null ? d : outputTypes.get(i));
            }
            return res;
        }

        @Override
        public List<Tensor> run(List<Tensor> formals, Map<String, Tensor> outer) {
            Map<String, Tensor> feed = new LinkedHashMap<>(outer);
            for (int i = 0; i < formals.size() && i < program.inputs().size(); i++) {
                feed.put(program.inputs().get(i).name(), formals.get(i));
            }
            Map<String, Tensor> out = Interpreter.run(program, feed, compiler);
            List<Tensor> res = new ArrayList<>();
            for (String o : program.outputs()) res.add(out.get(o));
            return res;
        }
    }

    /** Replaces calls to model-local functions by their bodies, with names made unique per call. */
    private List<NodeProto> expandFunctions(List<NodeProto> nodes, int depth) {
        if (functions.isEmpty()) return nodes;
        if (depth > 16) throw new UnsupportedOnnxException("unsupported: model-local functions nest more than 16 deep");
        List<NodeProto> out = new ArrayList<>();
        int call = 0;
        for (NodeProto n : nodes) {
            FunctionProto f = functions.get(n.domain() + ":" + n.opType());
            if (f == null) {
                out.add(n);
                continue;
            }
            String prefix = "__" + f.name() + "_" + depth + "_" + (call++) + "_" + n.label() + "/";
            Map<String, String> rename = new LinkedHashMap<>();
            for (int i = 0; i < f.inputs().size(); i++) rename.put(f.inputs().get(i), i < n.inputs().size() ? n.inputs().get(i) : "");
            for (int i = 0; i < f.outputs().size(); i++) rename.put(f.outputs().get(i), i < n.outputs().size() ? n.outputs().get(i) : "");
            Map<String, AttributeProto> callAttrs = new LinkedHashMap<>();
            for (AttributeProto a : f.attributeDefaults()) callAttrs.put(a.name(), a);
            for (AttributeProto a : n.attributes()) callAttrs.put(a.name(), a);
            List<NodeProto> body = new ArrayList<>();
            for (NodeProto b : f.nodes()) {
                List<String> ins = b.inputs().stream().map(s -> s.isEmpty() ? s : rename.getOrDefault(s, prefix + s)).toList();
                List<String> outs = b.outputs().stream().map(s -> s.isEmpty() ? s : rename.getOrDefault(s, prefix + s)).toList();
                List<AttributeProto> attrs = new ArrayList<>();
                for (AttributeProto a : b.attributes()) {
                    if (!a.refAttrName().isEmpty()) {
                        AttributeProto v = callAttrs.get(a.refAttrName());
                        if (v != null) attrs.add(v.renamed(a.name()));
                    } else {
                        attrs.add(a);
                    }
                }
                body.add(new NodeProto(ins, outs, prefix + b.name(), b.opType(), b.domain(), attrs));
            }
            out.addAll(expandFunctions(body, depth + 1));
        }
        return out;
    }
}
