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
 * Folds a constant Add that varies only along the channels into the bias of the Conv before it:
 * models exported without a Conv bias (MNIST's {@code Conv → Add [C,1,1]}) then add it as the
 * convolution stores its output, instead of in a broadcast pass of its own. Applies when the
 * weights, any existing bias and the added operand are float32 constants, the operand has one
 * value per output channel (or one value in all), and nothing else reads the Conv's output.
 */
final class ConvBiasFolding {
    private ConvBiasFolding() {}

    static Program apply(Program p, Usage usage, int[] counter) {
        Map<String, Tensor> constants = new LinkedHashMap<>(p.constants());
        List<Program.Step> steps = new ArrayList<>(p.steps());
        for (int i = 0; i < steps.size(); i++) {
            Program.Step conv = steps.get(i);
            NodeProto c = conv.node();
            int j = Nodes.is(c, "Conv") ? usage.soleReader(steps, i) : -1;
            if (j < 0) continue;
            String y = c.outputs().get(0);
            NodeProto add = steps.get(j).node();
            if (!Nodes.is(add, "Add") || add.inputs().size() != 2 || add.outputs().size() != 1) continue;
            String otherName = add.inputs().get(0).equals(y) ? add.inputs().get(1) : add.inputs().get(0);
            Tensor w = constants.get(c.inputs().get(1));
            Tensor other = constants.get(otherName);
            boolean hasBias = c.inputs().size() > 2 && !c.inputs().get(2).isEmpty();
            Tensor b = hasBias ? constants.get(c.inputs().get(2)) : null;
            if (otherName.equals(y) || w == null || w.dtype() != DType.FLOAT32 || other == null
                    || other.dtype() != DType.FLOAT32 || hasBias && (b == null || b.dtype() != DType.FLOAT32)) continue;
            float[] bias = perChannel(other, w.rank(), w.shape().dim(0));
            if (bias == null) continue;
            for (int o = 0; b != null && o < bias.length; o++) bias[o] += (float) b.getDouble(o);
            String bName = Nodes.unique(constants, add.outputs().get(0) + "/folded_bias");
            constants.put(bName, Tensor.wrap(DType.FLOAT32, Shape.of(bias.length), bias));
            NodeProto merged = new NodeProto(List.of(c.inputs().get(0), c.inputs().get(1), bName), add.outputs(), c.name(),
                    c.opType(), c.domain(), c.attributes());
            // The Conv stays where it is and takes over the Add's output: the Add's other operand is a
            // constant, so nothing it needs comes later (as BatchNormFolding does).
            steps.set(i, new Program.Step(merged, conv.op()));
            steps.remove(j);
            counter[0]++;
        }
        return new Program(p.inputs(), p.outputs(), constants, steps, p.outerNames());
    }

    /**
     * The operand as one bias value per channel, when adding it to a Conv output of {@code rank}
     * axes [N, M, ...] changes neither that shape nor anything but per-channel offsets; else null.
     */
    private static float[] perChannel(Tensor t, int rank, int m) {
        int r = t.rank();
        if (r > rank) return null;
        int channelAxis = 1 - (rank - r); // the operand's axis aligned with the channels, if any
        for (int a = 0; a < r; a++) {
            int d = t.shape().dim(a);
            if (d != 1 && !(a == channelAxis && d == m)) return null;
        }
        float[] bias = new float[m];
        boolean one = t.size() == 1;
        for (int o = 0; o < m; o++) bias[o] = (float) t.getDouble(one ? 0 : o);
        return bias;
    }
}
