package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses a Conv, Gemm or MatMul with float32 constant weights and the Relu, Clip, Add or fused Gelu
 * ({@link PatternFusion}) that alone reads its output, repeatedly, so Conv → Add → Relu becomes one node. The fused node takes the
 * place of the last node it absorbs: every input it needs is computed by then.
 */
final class Fusion {
    private Fusion() {}

    static final String DOMAIN = "weft";
    private static final Set<String> PRODUCERS = Set.of("Conv", "Gemm", "MatMul");

    static Program apply(Program p, Usage usage, int[] counter) {
        List<Program.Step> steps = new ArrayList<>(p.steps());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < steps.size() && !changed; i++) {
                Program.Step prod = steps.get(i);
                FusedKernel base = asFusable(prod, p.constants());
                if (base == null) continue;
                int j = usage.soleReader(steps, i);
                if (j < 0) continue;
                String y = prod.node().outputs().getFirst();
                Fused f = epilogue(steps.get(j), y, prod.node(), base, p.constants());
                if (f == null) continue;
                NodeProto pn = prod.node();
                NodeProto node = new NodeProto(f.inputs(), steps.get(j).node().outputs(), pn.name(),
                        pn.opType() + "+" + f.step(), DOMAIN, pn.attributes());
                steps.set(j, new Program.Step(node, new OnnxOp(node.opType(), 1, f.kernel(), prod.op().dtypes())));
                steps.remove(i);
                counter[0]++;
                changed = true;
            }
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    /** A fusion result: the kernel, the fused node's inputs, and the name of the step just added. */
    private record Fused(FusedKernel kernel, List<String> inputs, String step) {}

    /** The step as a fusable kernel (already fused, or a producer with float32 constant weights), else null. */
    private static FusedKernel asFusable(Program.Step s, Map<String, Tensor> constants) {
        NodeProto n = s.node();
        if (n.outputs().size() != 1) return null;
        if (n.domain().equals(DOMAIN) && s.op().kernel() instanceof FusedKernel f) return f;
        if (!n.domain().isEmpty() || !PRODUCERS.contains(n.opType()) || n.inputs().size() < 2) return null;
        Tensor w = constants.get(n.inputs().get(1));
        if (w == null || w.dtype() != DType.FLOAT32) return null;
        return new FusedKernel(s.op().kernel(), n.inputs().size(), List.of());
    }

    private static Fused epilogue(Program.Step readerStep, String y, NodeProto producer, FusedKernel base, Map<String, Tensor> constants) {
        NodeProto reader = readerStep.node();
        if (reader.outputs().size() != 1) return null;
        List<String> inputs = new ArrayList<>(producer.inputs());
        Epilogue e;
        if (reader.domain().equals(DOMAIN)) {
            if (!(readerStep.op().kernel() instanceof GeluKernel g)) return null;
            e = new Epilogue.Gelu(g);
            List<Epilogue> all = new ArrayList<>(base.epilogues());
            all.add(e);
            return new Fused(FusedKernel.of(base.base(), base.baseInputs(), all), List.copyOf(inputs), e.name());
        }
        if (!reader.domain().isEmpty()) return null;
        switch (reader.opType()) {
            case "Relu" -> e = new Epilogue.Relu();
            case "Clip" -> {
                float[] bounds = clipBounds(reader, constants);
                if (bounds == null) return null;
                e = new Epilogue.Clip(bounds[0], bounds[1]);
            }
            case "Add" -> {
                if (reader.inputs().size() != 2) return null;
                String other = reader.inputs().get(0).equals(y) ? reader.inputs().get(1) : reader.inputs().get(0);
                if (other.equals(y)) return null;
                inputs.add(other);
                e = new Epilogue.AddInput(inputs.size() - 1);
            }
            default -> { return null; }
        }
        List<Epilogue> all = new ArrayList<>(base.epilogues());
        all.add(e);
        return new Fused(FusedKernel.of(base.base(), base.baseInputs(), all), List.copyOf(inputs), e.name());
    }

    /** Clip's bounds from its constant inputs (opset 11+) or attributes (before); null if not constant. */
    private static float[] clipBounds(NodeProto clip, Map<String, Tensor> constants) {
        float lo = Float.NEGATIVE_INFINITY, hi = Float.POSITIVE_INFINITY;
        if (clip.attribute("min") != null) lo = clip.attribute("min").f();
        if (clip.attribute("max") != null) hi = clip.attribute("max").f();
        for (int k = 1; k <= 2 && k < clip.inputs().size(); k++) {
            String name = clip.inputs().get(k);
            if (name.isEmpty()) continue;
            Tensor t = constants.get(name);
            if (t == null || t.size() != 1 || t.dtype() != DType.FLOAT32) return null;
            if (k == 1) lo = (float) t.getDouble(0);
            else hi = (float) t.getDouble(0);
        }
        return new float[] {lo, hi};
    }
}
