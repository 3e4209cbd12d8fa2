package dev.weft.onnx.optimize;

import dev.weft.onnx.ops.SingleKernel;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.SmallGemm;
import dev.weft.tensor.ops.MatMul;
import java.util.List;

/**
 * A MatMul whose operands come through Slices, Reshapes, Transposes and scalar scales, and whose
 * result goes through a Transpose, all as strided views ({@link MatMulViews}): operand i is
 * {@code in[i]} seen through {@link View} a or b; the product is multiplied by {@code alpha} and
 * written permuted by {@code permOut} (null for none; it keeps the last axis last). Float32 operands
 * whose views need no copy and whose products suit {@link SmallGemm} take that path; anything else
 * runs the {@link Replay} of the original nodes. Stateless and thread-safe.
 */
record ViewMatMulKernel(View a, View b, float alpha, int[] permOut, Replay original) implements SingleKernel {
    /**
     * How an input becomes an operand: sliced ({@code slice} = ONNX Slice's constant starts, ends,
     * axes and steps, the last two may be null; steps positive), reshaped ({@code shape}, ONNX
     * Reshape rules), transposed ({@code perm}, a valid permutation); each null when absent.
     */
    record View(long[][] slice, long[] shape, int[] perm) {}

    @Override
    public Tensor compute(List<Tensor> in) {
        Tensor y = fast(in.get(0), in.get(1));
        return y != null ? y : original.run(in);
    }

    private Tensor fast(Tensor left, Tensor right) {
        if (left.dtype() != DType.FLOAT32 || right.dtype() != DType.FLOAT32) return null;
        MatMul.Strided sa = view(left, a), sb = view(right, b);
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

    /** t sliced, reshaped, then transposed as v says, as strides over its array; null when that needs a copy or is invalid. */
    private static MatMul.Strided view(Tensor t, View v) {
        MatMul.Strided s = MatMul.Strided.of(t);
        long[] shape = v.shape();
        int[] perm = v.perm();
        if (v.slice() != null && (s = sliced(s, v.slice())) == null) return null;
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

    /** ONNX Slice with positive steps on strides (the arrays are s's own, changed in place); null if invalid. */
    private static MatMul.Strided sliced(MatMul.Strided s, long[][] p) {
        int[] dims = s.dims(), strides = s.strides();
        int offset = s.offset(), rank = dims.length;
        for (int i = 0; i < p[0].length; i++) {
            long ax = p[2] == null ? i : p[2][i];
            if (ax < 0) ax += rank;
            if (ax < 0 || ax >= rank) return null;
            int axis = (int) ax, dim = dims[axis];
            long step = p[3] == null ? 1 : p[3][i];
            long start = p[0][i] < 0 ? p[0][i] + dim : p[0][i], end = p[1][i] < 0 ? p[1][i] + dim : p[1][i];
            start = Math.max(0, Math.min(dim, start));
            end = Math.max(0, Math.min(dim, end));
            int count = (int) Math.max(0, (end - start + step - 1) / step);
            offset += (int) start * strides[axis];
            dims[axis] = count;
            strides[axis] *= (int) step;
        }
        return new MatMul.Strided(s.data(), offset, dims, strides);
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
