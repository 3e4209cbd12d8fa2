package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.Kernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.SmallGemm;
import dev.weft.tensor.ops.MatMul;
import java.util.List;

/**
 * A MatMul whose operands come through Transposes and scalar scales, and whose result goes
 * through a Transpose, all as views ({@link MatMulViews}): operand i is {@code in[i]} transposed by
 * {@code permA}/{@code permB} (null for none), the product is multiplied by {@code alpha}, and it
 * is written permuted by {@code permOut} (null for none; it keeps the last axis last). Float32
 * operands of matching ranks whose products suit {@link SmallGemm} take that path; anything else
 * runs the {@link Replay} of the original nodes. Stateless and thread-safe.
 */
record ViewMatMulKernel(int[] permA, int[] permB, float alpha, int[] permOut, Replay original) implements Kernel {
    @Override
    public List<Tensor> apply(List<Tensor> in) {
        Tensor a = in.get(0), b = in.get(1);
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32 || (permA != null && permA.length != a.rank())
                || (permB != null && permB.length != b.rank())) {
            return List.of(original.run(in));
        }
        if (permA != null) a = a.transpose(permA);
        if (permB != null) b = b.transpose(permB);
        if (a.rank() < 2 || b.rank() < 2 || a.shape().dim(-1) != b.shape().dim(-2)
                || !SmallGemm.suits(a.shape().dim(-2), b.shape().dim(-1), a.shape().dim(-1))) {
            return List.of(original.run(in));
        }
        Shape product = MatMul.resultShape(a.shape(), b.shape());
        if (permOut == null) return List.of(MatMul.matmulInto(a, b, alpha, Tensor.uninitialized(DType.FLOAT32, product)));
        if (permOut.length != product.rank()) return List.of(original.run(in));
        int[] dims = new int[permOut.length], inverse = new int[permOut.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = product.dim(permOut[i]);
            inverse[permOut[i]] = i;
        }
        Tensor y = Tensor.uninitialized(DType.FLOAT32, Shape.of(dims));
        MatMul.matmulInto(a, b, alpha, y.transpose(inverse));
        return List.of(y);
    }
}
