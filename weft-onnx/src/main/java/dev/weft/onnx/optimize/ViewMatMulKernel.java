package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.Kernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.SmallGemm;
import dev.weft.tensor.ops.MatMul;
import java.util.List;

/**
 * A MatMul whose operands come through Reshapes, Transposes and scalar scales, and whose result
 * goes through a Transpose, all as strided views ({@link MatMulViews}): operand i is {@code in[i]}
 * reshaped to {@code shapeA}/{@code shapeB} (ONNX Reshape rules, null for none), then transposed by
 * {@code permA}/{@code permB} (null for none); the product is multiplied by {@code alpha} and
 * written permuted by {@code permOut} (null for none; it keeps the last axis last). Float32 operands
 * whose views need no copy and whose products suit {@link SmallGemm} take that path; anything else
 * runs the {@link Replay} of the original nodes. Stateless and thread-safe.
 */
record ViewMatMulKernel(long[] shapeA, int[] permA, long[] shapeB, int[] permB, float alpha, int[] permOut, Replay original)
        implements Kernel {
    @Override
    public List<Tensor> apply(List<Tensor> in) {
        Tensor y = fast(in.get(0), in.get(1));
        return List.of(y != null ? y : original.run(in));
    }

    private Tensor fast(Tensor a, Tensor b) {
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32) return null;
        MatMul.Strided sa = view(a, shapeA, permA), sb = view(b, shapeB, permB);
        if (sa == null || sb == null) return null;
        int ra = sa.dims().length, rb = sb.dims().length, r = Math.max(ra, rb);
        if (ra < 2 || rb < 2 || sa.dims()[ra - 1] != sb.dims()[rb - 2]
                || !SmallGemm.suits(sa.dims()[ra - 2], sb.dims()[rb - 1], sa.dims()[ra - 1])) {
            return null;
        }
        int[] dims = new int[r];
        for (int d = 0; d < r - 2; d++) {
            int x = d - (r - ra) >= 0 ? sa.dims()[d - (r - ra)] : 1, z = d - (r - rb) >= 0 ? sb.dims()[d - (r - rb)] : 1;
            if (x != z && x != 1 && z != 1) return null; // the replay reports the mismatch
            dims[d] = x == 1 ? z : x;
        }
        dims[r - 2] = sa.dims()[ra - 2];
        dims[r - 1] = sb.dims()[rb - 1];
        if (permOut == null) {
            Tensor y = Tensor.uninitialized(DType.FLOAT32, Shape.of(dims));
            MatMul.multiplyStrided(sa, sb, alpha, MatMul.Strided.of(y));
            return y;
        }
        if (permOut.length != r) return null;
        int[] permuted = new int[r], strides = new int[r];
        for (int i = 0; i < r; i++) permuted[i] = dims[permOut[i]];
        // y holds the product permuted: product axis permOut[i] is y's axis i, with y's stride there.
        for (int i = r - 1, st = 1; i >= 0; st *= permuted[i], i--) strides[permOut[i]] = st;
        Tensor y = Tensor.uninitialized(DType.FLOAT32, Shape.of(permuted));
        MatMul.multiplyStrided(sa, sb, alpha, new MatMul.Strided(y.floatData(), y.offset(), dims, strides));
        return y;
    }

    /** t reshaped (if shape) then transposed (if perm) as strides over its array, or null when that needs a copy or is invalid. */
    private static MatMul.Strided view(Tensor t, long[] shape, int[] perm) {
        MatMul.Strided s = MatMul.Strided.of(t);
        if (shape != null) {
            int[] to = target(shape, s.dims());
            s = to == null ? null : s.reshaped(to);
            if (s == null) return null;
        }
        if (perm != null) { // a valid permutation: MatMulViews checked it
            if (perm.length != s.dims().length) return null;
            s = s.permuted(perm);
        }
        return s;
    }

    /** ONNX Reshape's target (allowzero 0: 0 copies the input's dimension, one -1 is inferred), or null if invalid. */
    private static int[] target(long[] shape, int[] from) {
        int[] to = new int[shape.length];
        long known = 1, size = 1;
        int infer = -1;
        for (int d : from) size *= d;
        for (int i = 0; i < shape.length; i++) {
            long v = shape[i];
            if (v == 0) {
                if (i >= from.length) return null;
                v = from[i];
            }
            if (v == -1) {
                if (infer >= 0) return null;
                infer = i;
                continue;
            }
            if (v < 0 || v > Integer.MAX_VALUE) return null;
            to[i] = (int) v;
            known *= v;
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) return null;
            to[infer] = (int) (size / known);
        } else if (known != size) {
            return null;
        }
        return to;
    }
}
