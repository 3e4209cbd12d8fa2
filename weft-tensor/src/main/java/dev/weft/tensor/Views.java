package dev.weft.tensor;

import java.util.Arrays;

/**
 * The view constructors behind {@link Tensor#transpose}, {@link Tensor#slice}, {@link Tensor#expand},
 * {@link Tensor#unsqueeze} and {@link Tensor#squeeze}: each builds a new shape, strides and offset
 * over the same array and copies no element.
 */
final class Views {
    private Views() {}

    static Tensor transpose(Tensor t, int... perm) {
        int[] st = t.strides();
        int rank = t.shape().rank();
        if (perm.length == 0) {
            perm = new int[rank];
            for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " has " + perm.length
                    + " axes but the tensor has shape " + t.shape());
        }
        boolean[] seen = new boolean[rank];
        int[] dims = new int[rank];
        int[] newStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            int p = perm[i] < 0 ? perm[i] + rank : perm[i];
            if (p < 0 || p >= rank || seen[p]) {
                throw new IllegalArgumentException("permutation " + Arrays.toString(perm)
                        + " is not a permutation of the " + rank + " axes of shape " + t.shape());
            }
            seen[p] = true;
            dims[i] = t.shape().dim(p);
            newStrides[i] = st[p];
        }
        return new Tensor(t.dtype(), Shape.of(dims), newStrides, t.offset(), t.data());
    }

    static Tensor slice(Tensor t, int axis, int start, int end, int step) {
        int[] st = t.strides();
        int a = t.shape().normalizeAxis(axis);
        if (step == 0) throw new IllegalArgumentException("slice step along axis " + axis + " must not be 0");
        int d = t.shape().dim(a);
        int lo, hi;
        if (step > 0) {
            lo = clamp(start < 0 ? start + d : start, 0, d);
            hi = clamp(end < 0 ? end + d : end, 0, d);
        } else {
            lo = clamp(start < 0 ? start + d : start, -1, d - 1);
            hi = clamp(end < 0 ? end + d : end, -1, d - 1);
        }
        long span = step > 0 ? (long) hi - lo : (long) lo - hi;
        long absStep = Math.abs((long) step);
        int count = (int) Math.max(0, (span + absStep - 1) / absStep);
        int[] dims = t.shape().dims();
        dims[a] = count;
        int[] newStrides = st.clone();
        // With at most one element the stride is never used; keep it from overflowing.
        newStrides[a] = count <= 1 ? st[a] : Math.multiplyExact(st[a], step);
        Shape newShape = Shape.of(dims);
        // An empty view reads nothing; keeping the old offset keeps it inside the array.
        int newOffset = newShape.size() == 0 ? t.offset() : t.offset() + lo * st[a];
        return new Tensor(t.dtype(), newShape, newStrides, newOffset, t.data());
    }

    static Tensor expand(Tensor t, Shape target) {
        if (t.shape().equals(target)) return t; // tensors are immutable views: t is its own expansion
        int[] st = t.strides();
        if (!t.shape().broadcastsTo(target)) {
            throw new IllegalArgumentException("cannot expand shape " + t.shape() + " to " + target);
        }
        int shift = target.rank() - t.shape().rank();
        int[] newStrides = new int[target.rank()];
        for (int i = 0; i < t.shape().rank(); i++) {
            newStrides[i + shift] = t.shape().dim(i) == 1 && target.dim(i + shift) != 1 ? 0 : st[i];
        }
        return new Tensor(t.dtype(), target, newStrides, t.offset(), t.data());
    }

    static Tensor unsqueeze(Tensor t, int axis) {
        int[] st = t.strides();
        int rank = t.shape().rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for unsqueezing shape " + t.shape());
        }
        int[] dims = new int[rank + 1];
        int[] newStrides = new int[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) {
            if (i == a) {
                dims[i] = 1;
                newStrides[i] = j < rank ? st[j] * t.shape().dim(j) : 1;
            } else {
                dims[i] = t.shape().dim(j);
                newStrides[i] = st[j++];
            }
        }
        return new Tensor(t.dtype(), Shape.of(dims), newStrides, t.offset(), t.data());
    }

    static Tensor squeeze(Tensor t, int axis) {
        int[] st = t.strides();
        int a = t.shape().normalizeAxis(axis);
        if (t.shape().dim(a) != 1) {
            throw new IllegalArgumentException("cannot squeeze axis " + axis + " of shape " + t.shape() + ": its size is not 1");
        }
        int rank = t.shape().rank();
        int[] dims = new int[rank - 1];
        int[] newStrides = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i == a) continue;
            dims[j] = t.shape().dim(i);
            newStrides[j++] = st[i];
        }
        return new Tensor(t.dtype(), Shape.of(dims), newStrides, t.offset(), t.data());
    }

    private static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }
}
