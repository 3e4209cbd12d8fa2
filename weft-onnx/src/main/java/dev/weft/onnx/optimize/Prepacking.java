package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Program;
import dev.weft.onnx.ops.ConstantInput;
import dev.weft.onnx.ops.Kernel;
import dev.weft.onnx.ops.OnnxOp;
import dev.weft.onnx.ops.ShapeMemo;
import dev.weft.onnx.ops.SingleKernel;
import dev.weft.onnx.proto.NodeProto;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Gemm;
import dev.weft.tensor.kernel.PackedB;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the constant weights of MatMul and Gemm nodes once, at load time, into the panel layout
 * of the GEMM kernel, instead of repacking them on every run; kernels that declare
 * {@link ConstantInput} (Conv) prepare their constant weights themselves. Inputs the prepacked path does not
 * cover (another dtype, a mismatched K) go to the node's original kernel.
 */
final class Prepacking {
    private Prepacking() {}

    static Program apply(Program p, int[] counter) {
        List<Program.Step> steps = new ArrayList<>();
        for (Program.Step s : p.steps()) {
            Kernel packed = prepacked(s, p);
            if (packed == null) {
                steps.add(s);
            } else {
                steps.add(new Program.Step(s.node(), new OnnxOp(s.op().name(), s.op().outputCount(), packed, s.op().dtypes())));
                counter[0]++;
            }
        }
        return new Program(p.inputs(), p.outputs(), p.constants(), steps, p.outerNames());
    }

    private static Kernel prepacked(Program.Step s, Program p) {
        NodeProto n = s.node();
        if (!n.domain().isEmpty() || n.inputs().size() < 2) return null;
        if (s.op().kernel() instanceof ConstantInput ci) {
            Tensor w = p.constants().get(n.inputs().get(1));
            if (w == null) return null;
            Kernel k = ci.withConstant(1, w);
            return k == s.op().kernel() ? null : k;
        }
        Tensor b = p.constants().get(n.inputs().get(1));
        if (b == null || b.dtype() != DType.FLOAT32 || b.rank() != 2) return null;
        Tensor bc = b.contiguous();
        if (Nodes.is(n, "MatMul")) {
            PackedB packed = Gemm.packB(false, bc.shape().dim(0), bc.shape().dim(1), bc.floatData(), bc.offset(), bc.shape().dim(1));
            return new MatMulKernel(packed, s.op().kernel(), new OutShape());
        }
        if (Nodes.is(n, "Gemm") && Nodes.intAttr(n, "transA", 0) == 0) {
            boolean tb = Nodes.intAttr(n, "transB", 0) != 0;
            int k = tb ? bc.shape().dim(1) : bc.shape().dim(0), nn = tb ? bc.shape().dim(0) : bc.shape().dim(1);
            PackedB packed = Gemm.packB(tb, k, nn, bc.floatData(), bc.offset(), bc.shape().dim(1));
            return new GemmKernel(packed, Nodes.floatAttr(n, "alpha", 1f), Nodes.floatAttr(n, "beta", 1f), s.op().kernel(), new OutShape());
        }
        return null;
    }

    /**
     * The output shape of the last call, kept (in a {@link ShapeMemo}) so that a steady state
     * allocates no shape: the input shape with its last dimension replaced by the kernel's constant N.
     */
    static final class OutShape {
        private final ShapeMemo<Shape> memo = new ShapeMemo<>();

        Shape of(Shape in, int lastDim) {
            Shape out = memo.get(in, null);
            if (out != null) return out;
            int[] dims = in.dims();
            dims[dims.length - 1] = lastDim;
            return memo.put(in, null, Shape.of(dims));
        }
    }

    /** MatMul of any-rank float32 A [..., M, K] with packed B [K, N]: one GEMM over all rows of A. */
    record MatMulKernel(PackedB b, Kernel original, OutShape shapes) implements SingleKernel {
        @Override
        public Tensor compute(List<Tensor> in) {
            Tensor a = in.get(0);
            if (a.dtype() != DType.FLOAT32 || a.rank() < 1 || a.shape().dim(-1) != b.k()) return Kernel.first(original, in);
            Tensor ac = a.contiguous();
            int rows = b.k() == 0 ? 0 : ac.size() / b.k();
            Tensor y = Tensor.uninitialized(DType.FLOAT32, shapes.of(a.shape(), b.n())); // beta 0: every element is written
            Gemm.sgemm(false, rows, 1f, ac.floatData(), ac.offset(), b.k(), b, 0f, y.floatData(), 0, b.n());
            return y;
        }
    }

    /** Gemm (transA = 0) with packed op(B): {@code alpha·A·op(B) + beta·C}. */
    record GemmKernel(PackedB b, float alpha, float beta, Kernel original, OutShape shapes) implements SingleKernel {
        @Override
        public Tensor compute(List<Tensor> in) {
            Tensor a = in.get(0), c = in.size() > 2 ? in.get(2) : null;
            if (a.dtype() != DType.FLOAT32 || a.rank() != 2 || a.shape().dim(1) != b.k()
                    || (c != null && c.dtype() != DType.FLOAT32)) {
                return Kernel.first(original, in);
            }
            Tensor ac = a.contiguous();
            int m = ac.shape().dim(0), n = b.n();
            Shape shape = shapes.of(a.shape(), n);
            Tensor y;
            float bt = 0f;
            if (c != null && beta != 0) {
                y = Tensor.uninitialized(DType.FLOAT32, shape);
                fillWith(y, c, m, n);
                bt = beta;
            } else {
                y = Tensor.uninitialized(DType.FLOAT32, shape); // beta 0: every element is written
            }
            Gemm.sgemm(false, m, alpha, ac.floatData(), ac.offset(), b.k(), b, bt, y.floatData(), 0, n);
            return y;
        }

        /** y (m×n, contiguous) = C broadcast: row copies for a contiguous bias row or matrix, else a view copy. */
        private static void fillWith(Tensor y, Tensor c, int m, int n) {
            float[] yd = y.floatData();
            if (c.isContiguous() && c.size() == n && c.rank() <= 2 && (c.rank() == 0 || c.shape().dim(-1) == n)) {
                for (int r = 0; r < m; r++) System.arraycopy(c.floatData(), c.offset(), yd, r * n, n);
            } else if (c.isContiguous() && c.shape().equals(y.shape())) {
                System.arraycopy(c.floatData(), c.offset(), yd, 0, m * n);
            } else {
                y.copyFrom(c.expand(y.shape()));
            }
        }
    }
}
