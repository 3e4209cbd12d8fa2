package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.Kernel;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.ops.SingleKernel;
import dev.weft.onnx.proto.AttributeProto;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A Transpose that moves only axes of size 1 (or otherwise leaves the row-major order of a
 * contiguous input as it is) returns a reshaped view of its input instead of a copy: seq-first
 * attention exports swap a batch axis of size 1 with the sequence axis twice per layer. Any other
 * input runs the node's own kernel. Stateless and thread-safe.
 */
record TransposeKernel(int[] perm, Kernel original) implements SingleKernel {
    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.isContiguous() && perm.length == x.rank() && keepsOrder(x)) {
            int[] dims = new int[perm.length];
            for (int i = 0; i < dims.length; i++) dims[i] = x.shape().dim(perm[i]);
            return x.reshape(Shape.of(dims));
        }
        return Kernel.first(original, in);
    }

    /** True when the axes of size above 1 stay in their order, so the row-major order is unchanged. */
    private boolean keepsOrder(Tensor x) {
        int prev = -1;
        for (int p : perm) {
            if (p < 0 || p >= perm.length) return false;
            if (x.shape().dim(p) == 1) continue;
            if (p < prev) return false;
            prev = p;
        }
        return true;
    }

    /** Gives every Transpose with a perm attribute this kernel; counts them in {@code counter}. */
    static Program apply(Program p, int[] counter) {
        List<Program.Step> steps = new ArrayList<>();
        for (Program.Step s : p.steps()) {
            NodeProto n = s.node();
            AttributeProto a = n.attribute("perm");
            if (Nodes.is(n, "Transpose") && n.inputs().size() == 1 && a != null && a.ints() != null) {
                int[] perm = new int[a.ints().length];
                for (int i = 0; i < perm.length; i++) perm[i] = (int) a.ints()[i];
                TransposeKernel k = new TransposeKernel(perm, s.op().kernel());
                steps.add(new Program.Step(n, new OnnxOp(s.op().name(), s.op().outputCount(), k, s.op().dtypes())));
                counter[0]++;
            } else {
                steps.add(s);
            }
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }
}
