package dev.weft.tensor.ops;

import dev.weft.tensor.kernel.VectorSupport;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.simd.FloatReduce;

/**
 * Softmax, log-softmax and hardmax along one axis, with ONNX opset-13 semantics (the axis alone
 * is normalized), plus the older opset-1..12 semantics that coerce the input to 2-D at the axis
 * ({@link #softmaxCoerced2d}). Floating dtypes only. Softmax subtracts the row maximum first, so
 * large inputs do not overflow; a row containing +inf gives NaN, as exp(inf - inf) is undefined.
 */
public final class Softmax {
    private Softmax() {}

    /** ONNX Softmax (opset 13+) along {@code axis}. */
    public static Tensor softmax(Tensor x, int axis) { return along(x, axis, false); }

    /** ONNX LogSoftmax (opset 13+) along {@code axis}. */
    public static Tensor logSoftmax(Tensor x, int axis) { return along(x, axis, true); }

    /** Softmax with the opset-1..12 meaning: rows are the flattened dims from {@code axis} on. */
    public static Tensor softmaxCoerced2d(Tensor x, int axis) { return coerced(x, axis, false); }

    /** LogSoftmax with the opset-1..12 meaning. */
    public static Tensor logSoftmaxCoerced2d(Tensor x, int axis) { return coerced(x, axis, true); }

    private static Tensor coerced(Tensor x, int axis, boolean log) {
        int a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a > x.rank()) throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + x.shape());
        int outer = 1, inner = 1;
        for (int i = 0; i < x.rank(); i++) {
            if (i < a) outer *= x.shape().dim(i);
            else inner *= x.shape().dim(i);
        }
        return along(x.reshape(outer, inner), 1, log).reshape(x.shape());
    }

    /** ONNX Hardmax (opset 13+): 1 at the first maximum along the axis, 0 elsewhere. */
    public static Tensor hardmax(Tensor x, int axis) {
        int ax = x.shape().normalizeAxis(axis);
        Tensor idx = ArgReductions.argMax(x, ax, true, false);
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        Tensor moved = moveAxisLast(out, ax);
        int k = x.shape().dim(ax);
        long[] id = idx.contiguous().longData();
        for (int r = 0; r < id.length; r++) moved.setDouble(r * k + (int) id[r], 1);
        return out;
    }

    /** A view of {@code x} with {@code axis} moved to the end. */
    static Tensor moveAxisLast(Tensor x, int axis) {
        int rank = x.rank();
        if (axis == rank - 1) return x;
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) if (i != axis) perm[j++] = i;
        perm[rank - 1] = axis;
        return x.transpose(perm);
    }

    private static Tensor along(Tensor x, int axis, boolean log) {
        Args.floating(log ? "LogSoftmax" : "Softmax", x);
        if (x.rank() == 0) return along(x.reshape(1), 0, log).reshape(Shape.scalar());
        int ax = x.shape().normalizeAxis(axis);
        Tensor xt = moveAxisLast(x, ax).contiguous();
        Tensor out = Tensor.uninitialized(x.dtype(), xt.shape());
        int k = x.shape().dim(ax);
        int rows = k == 0 ? 0 : x.size() / k;
        if (x.dtype() == DType.FLOAT32) {
            float[] d = xt.floatData(), o = out.floatData();
            boolean simd = VectorSupport.enabled();
            for (int r = 0; r < rows; r++) floatRow(d, xt.offset() + r * k, o, r * k, k, log, simd);
        } else {
            for (int r = 0; r < rows; r++) doubleRow(xt, xt.offset() + r * k, out, r * k, k, log);
        }
        if (ax == x.rank() - 1) return out;
        // Undo the move: out holds x's axes in the order (others..., axis).
        int rank = x.rank();
        int[] inv = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) inv[i] = i == ax ? rank - 1 : j++;
        return out.transpose(inv).contiguous();
    }

    private static void floatRow(float[] d, int off, float[] o, int oo, int k, boolean log, boolean simd) {
        float max;
        if (simd) {
            max = FloatReduce.max(d, off, k);
        } else {
            max = d[off];
            for (int i = 1; i < k; i++) max = Math.max(max, d[off + i]);
        }
        if (log) {
            float sum;
            if (simd) {
                sum = FloatReduce.sumExpShifted(d, off, max, k);
            } else {
                double s = 0;
                for (int i = 0; i < k; i++) s += Math.exp(d[off + i] - max);
                sum = (float) s;
            }
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < k; i++) o[oo + i] = (d[off + i] - max) - logSum;
            return;
        }
        float sum;
        if (simd) {
            sum = FloatReduce.expShifted(d, off, max, o, oo, k);
        } else {
            double s = 0;
            for (int i = 0; i < k; i++) {
                float e = (float) Math.exp(d[off + i] - max);
                o[oo + i] = e;
                s += e;
            }
            sum = (float) s;
        }
        float inv = 1f / sum;
        if (simd) FloatReduce.affine(o, oo, inv, 0f, o, oo, k);
        else for (int i = 0; i < k; i++) o[oo + i] *= inv;
    }

    private static void doubleRow(Tensor x, int off, Tensor out, int oo, int k, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) max = Math.max(max, x.readDouble(off + i));
        double sum = 0;
        for (int i = 0; i < k; i++) sum += Math.exp(x.readDouble(off + i) - max);
        for (int i = 0; i < k; i++) {
            double v = x.readDouble(off + i) - max;
            out.writeDouble(oo + i, log ? v - Math.log(sum) : Math.exp(v) / sum);
        }
    }
}
