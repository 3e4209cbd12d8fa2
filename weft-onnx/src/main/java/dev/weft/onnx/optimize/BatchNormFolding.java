package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an inference BatchNormalization into the Conv that feeds it: with
 * {@code s = scale / sqrt(var + eps)}, the Conv's weights become {@code W·s} per output channel and
 * its bias {@code (b - mean)·s + beta}, and the BatchNormalization disappears. Applies only when
 * everything is a float32 constant and nothing else reads the Conv's output.
 */
final class BatchNormFolding {
    private BatchNormFolding() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        Map<String, Tensor> constants = new LinkedHashMap<>(p.constants());
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (int i = 0; i < steps.size(); i++) {
            Program.Step conv = steps.get(i);
            NodeProto c = conv.node();
            int j = Nodes.is(c, "Conv") ? usage.soleReader(steps, i) : -1;
            if (j < 0) continue;
            NodeProto bn = steps.get(j).node();
            if (!Nodes.is(bn, "BatchNormalization") || Nodes.presentOutputs(bn) != 1 || bn.inputs().size() != 5
                    || Nodes.intAttr(bn, "training_mode", 0) != 0 || !bn.inputs().get(0).equals(c.outputs().get(0))) continue;
            Tensor w = constants.get(c.inputs().get(1));
            Tensor b = c.inputs().size() > 2 && !c.inputs().get(2).isEmpty() ? constants.get(c.inputs().get(2)) : null;
            if (w == null || w.dtype() != DType.FLOAT32 || (c.inputs().size() > 2 && !c.inputs().get(2).isEmpty() && b == null)) continue;
            Tensor[] bnParams = new Tensor[4];
            boolean ok = true;
            for (int k = 0; k < 4; k++) {
                bnParams[k] = constants.get(bn.inputs().get(k + 1));
                ok &= bnParams[k] != null && bnParams[k].dtype() == DType.FLOAT32 && bnParams[k].size() == w.shape().dim(0);
            }
            if (!ok) continue;
            double eps = Nodes.floatAttr(bn, "epsilon", 1e-5f);
            Tensor[] folded = fold(w, b, bnParams, eps);
            String base = bn.outputs().get(0);
            String wName = Nodes.unique(constants, base + "/folded_weight"), bName = Nodes.unique(constants, base + "/folded_bias");
            constants.put(wName, folded[0]);
            constants.put(bName, folded[1]);
            NodeProto merged = new NodeProto(List.of(c.inputs().get(0), wName, bName), bn.outputs(), c.name(), c.opType(),
                    c.domain(), c.attributes());
            steps.set(i, new Program.Step(merged, conv.op()));
            steps.remove(j);
            counter[0]++;
        }
        return new Program(p.inputs(), p.outputs(), constants, steps, p.outerNames());
    }

    private static Tensor[] fold(Tensor w0, Tensor b0, Tensor[] bn, double eps) {
        Tensor w = w0.contiguous();
        int m = w.shape().dim(0), per = m == 0 ? 0 : w.size() / m;
        float[] src = w.floatData(), dst = new float[w.size()], bias = new float[m];
        for (int o = 0; o < m; o++) {
            double s = bn[0].getDouble(o) / Math.sqrt(bn[3].getDouble(o) + eps);
            for (int k = 0; k < per; k++) dst[o * per + k] = (float) (src[w.offset() + o * per + k] * s);
            double b = b0 == null ? 0 : b0.getDouble(o);
            bias[o] = (float) ((b - bn[2].getDouble(o)) * s + bn[1].getDouble(o));
        }
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, w.shape(), dst), Tensor.wrap(DType.FLOAT32, Shape.of(m), bias)};
    }
}
