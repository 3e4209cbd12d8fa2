package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX Gather, GatherElements, GatherND, ScatterElements and ScatterND. Indices are int32 or
 * int64 tensors; a negative index counts from the end of its axis; an index outside
 * {@code [-n, n)} is refused with a message naming it, the axis and the data shape, before
 * anything is written. Results are new contiguous tensors.
 */
public final class Indexing {
    private Indexing() {}

    /** Resolves one index against an axis of size n, or throws naming the op and the shape. */
    static int resolve(String op, long index, int n, int axis, Shape data) {
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException(op + ": index " + index + " is out of range for axis " + axis
                    + " of size " + n + " in data of shape " + data);
        }
        return (int) i;
    }

    /** ONNX Gather: output shape {@code data[:axis] + indices.shape + data[axis+1:]}. */
    public static Tensor gather(Tensor data, Tensor indices, int axis) {
        Args.integerIndices("Gather", indices);
        int ax = data.shape().normalizeAxis(axis);
        int[] dd = data.shape().dims();
        int[] id = indices.shape().dims();
        int[] od = new int[dd.length - 1 + id.length];
        System.arraycopy(dd, 0, od, 0, ax);
        System.arraycopy(id, 0, od, ax, id.length);
        System.arraycopy(dd, ax + 1, od, ax + id.length, dd.length - ax - 1);
        Tensor out = Tensor.zeros(data.dtype(), Shape.of(od));
        long[] idx = indices.toLongArray();
        int n = dd[ax];
        int[] resolved = new int[idx.length];
        for (int i = 0; i < idx.length; i++) resolved[i] = resolve("Gather", idx[i], n, ax, data.shape());
        if (out.size() == 0) return out;
        Tensor c = data.contiguous();
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= dd[i];
        for (int i = ax + 1; i < dd.length; i++) inner *= dd[i];
        Object src = c.data(), dst = out.data();
        int at = 0;
        for (int o = 0; o < outer; o++) {
            int base = c.offset() + o * n * inner;
            for (int r : resolved) {
                System.arraycopy(src, base + r * inner, dst, at, inner);
                at += inner;
            }
        }
        return out;
    }

    /** ONNX GatherElements: {@code out[i][j][k] = data[idx[i][j][k]][j][k]} for axis 0, and so on. */
    public static Tensor gatherElements(Tensor data, Tensor indices, int axis) {
        Args.integerIndices("GatherElements", indices);
        int ax = data.shape().normalizeAxis(axis);
        sameRank("GatherElements", data, indices);
        Tensor out = Tensor.zeros(data.dtype(), indices.shape());
        long[] idx = indices.toLongArray();
        int[] st = data.strides();
        int[] id = indices.shape().dims();
        int[] pos = new int[id.length];
        int n = data.shape().dim(ax);
        for (int i = 0; i < idx.length; i++) {
            int p = data.offset();
            for (int a = 0; a < id.length; a++) {
                int coord = a == ax ? resolve("GatherElements", idx[i], n, ax, data.shape()) : pos[a];
                if (a != ax && coord >= data.shape().dim(a)) {
                    throw new IllegalArgumentException("GatherElements: indices " + indices.shape()
                            + " exceed data " + data.shape() + " on axis " + a);
                }
                p += coord * st[a];
            }
            System.arraycopy(data.data(), p, out.data(), i, 1);
            advance(pos, id);
        }
        return out;
    }

    /** ONNX GatherND with {@code batchDims} leading batch axes shared by data and indices. */
    public static Tensor gatherND(Tensor data, Tensor indices, int batchDims) {
        Args.integerIndices("GatherND", indices);
        int[] dd = data.shape().dims(), id = indices.shape().dims();
        int b = batchDims;
        if (id.length < 1 || b < 0 || b >= id.length || b >= dd.length) {
            throw new IllegalArgumentException("GatherND: batch_dims " + b + " is invalid for data " + data.shape()
                    + " and indices " + indices.shape());
        }
        int k = id[id.length - 1];
        if (k > dd.length - b) {
            throw new IllegalArgumentException("GatherND: index tuples of length " + k + " are too long for data "
                    + data.shape() + " with batch_dims " + b);
        }
        for (int i = 0; i < b; i++) {
            if (dd[i] != id[i]) throw new IllegalArgumentException("GatherND: batch dims of data " + data.shape()
                    + " and indices " + indices.shape() + " differ");
        }
        int batch = 1, perBatch = 1, slice = 1;
        for (int i = 0; i < b; i++) batch *= dd[i];
        for (int i = b; i < id.length - 1; i++) perBatch *= id[i];
        for (int i = b + k; i < dd.length; i++) slice *= dd[i];
        int[] od = new int[id.length - 1 + dd.length - b - k];
        System.arraycopy(id, 0, od, 0, id.length - 1);
        System.arraycopy(dd, b + k, od, id.length - 1, dd.length - b - k);
        Tensor out = Tensor.zeros(data.dtype(), Shape.of(od));
        Tensor c = data.contiguous();
        int[] cs = c.strides();
        int batchStride = b == 0 ? 0 : cs[b - 1];
        long[] idx = indices.toLongArray();
        int at = 0;
        for (int bi = 0; bi < batch; bi++) {
            for (int j = 0; j < perBatch; j++) {
                int p = c.offset() + bi * batchStride;
                int t = (bi * perBatch + j) * k;
                for (int q = 0; q < k; q++) p += resolve("GatherND", idx[t + q], dd[b + q], b + q, data.shape()) * cs[b + q];
                if (slice > 0) System.arraycopy(c.data(), p, out.data(), at, slice);
                at += slice;
            }
        }
        return out;
    }

    /** ONNX ScatterElements: a copy of data with {@code updates} written at the indexed positions. */
    public static Tensor scatterElements(Tensor data, Tensor indices, Tensor updates, int axis, ScatterReduction reduction) {
        Args.integerIndices("ScatterElements", indices);
        Args.sameDtype("ScatterElements", data, updates);
        int ax = data.shape().normalizeAxis(axis);
        sameRank("ScatterElements", data, indices);
        if (!indices.shape().equals(updates.shape())) {
            throw new IllegalArgumentException("ScatterElements: indices " + indices.shape() + " and updates "
                    + updates.shape() + " must have the same shape");
        }
        Tensor out = data.copy();
        long[] idx = indices.toLongArray();
        Tensor u = updates.contiguous();
        int[] st = out.strides();
        int[] id = indices.shape().dims();
        int[] pos = new int[id.length];
        int n = data.shape().dim(ax);
        int[] targets = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int p = 0;
            for (int a = 0; a < id.length; a++) {
                int coord = a == ax ? resolve("ScatterElements", idx[i], n, ax, data.shape()) : pos[a];
                if (a != ax && coord >= data.shape().dim(a)) {
                    throw new IllegalArgumentException("ScatterElements: indices " + indices.shape() + " exceed data "
                            + data.shape() + " on axis " + a);
                }
                p += coord * st[a];
            }
            targets[i] = p;
            advance(pos, id);
        }
        for (int i = 0; i < idx.length; i++) combine(out, targets[i], u, u.offset() + i, reduction);
        return out;
    }

    /** ONNX ScatterND: a copy of data with slices of {@code updates} written at the index tuples. */
    public static Tensor scatterND(Tensor data, Tensor indices, Tensor updates, ScatterReduction reduction) {
        Args.integerIndices("ScatterND", indices);
        Args.sameDtype("ScatterND", data, updates);
        int[] dd = data.shape().dims(), id = indices.shape().dims();
        if (id.length < 1) throw new IllegalArgumentException("ScatterND: indices must have rank >= 1, got " + indices.shape());
        int k = id[id.length - 1];
        if (k > dd.length) throw new IllegalArgumentException("ScatterND: index tuples of length " + k + " exceed data " + data.shape());
        int[] expect = new int[id.length - 1 + dd.length - k];
        System.arraycopy(id, 0, expect, 0, id.length - 1);
        System.arraycopy(dd, k, expect, id.length - 1, dd.length - k);
        if (!updates.shape().equals(Shape.of(expect))) {
            throw new IllegalArgumentException("ScatterND: updates must have shape " + Arrays.toString(expect) + " for data "
                    + data.shape() + " and indices " + indices.shape() + ", got " + updates.shape());
        }
        Tensor out = data.copy();
        int[] os = out.strides();
        int slice = 1;
        for (int i = k; i < dd.length; i++) slice *= dd[i];
        int tuples = indices.size() / Math.max(k, 1);
        if (k == 0) tuples = indices.shape().size() == 0 ? 0 : Shape.of(Arrays.copyOf(id, id.length - 1)).size();
        long[] idx = indices.toLongArray();
        int[] base = new int[tuples];
        for (int t = 0; t < tuples; t++) {
            int p = 0;
            for (int q = 0; q < k; q++) p += resolve("ScatterND", idx[t * k + q], dd[q], q, data.shape()) * os[q];
            base[t] = p;
        }
        Tensor u = updates.contiguous();
        for (int t = 0; t < tuples; t++) {
            for (int e = 0; e < slice; e++) combine(out, base[t] + e, u, u.offset() + t * slice + e, reduction);
        }
        return out;
    }

    private static void combine(Tensor out, int pos, Tensor u, int upos, ScatterReduction r) {
        if (r == ScatterReduction.NONE) {
            System.arraycopy(u.data(), upos, out.data(), pos, 1);
        } else if (out.dtype().isFloating()) {
            out.writeDouble(pos, r.apply(out.readDouble(pos), u.readDouble(upos)));
        } else {
            out.writeLong(pos, r.apply(out.readLong(pos), u.readLong(upos)));
        }
    }

    private static void sameRank(String op, Tensor data, Tensor indices) {
        if (data.rank() != indices.rank()) {
            throw new IllegalArgumentException(op + ": data " + data.shape() + " and indices " + indices.shape()
                    + " must have the same rank");
        }
    }

    /**
     * ONNX Col2Im: sums the columns of {@code input} ({@code [N, C * prod(block), L]}) back into
     * an image {@code [N, C, image...]}, the inverse layout of im2col with the given dilations,
     * pads (begins then ends) and strides (null for the defaults 1, 0, 1).
     */
    public static Tensor col2im(Tensor input, long[] imageShape, long[] blockShape, long[] dilations, long[] pads, long[] strides) {
        int r = imageShape.length;
        if (blockShape.length != r || input.rank() != 3) {
            throw new IllegalArgumentException("Col2Im: input " + input.shape() + ", image " + Arrays.toString(imageShape)
                    + " and block " + Arrays.toString(blockShape) + " do not fit");
        }
        int[] img = new int[r], blk = new int[r], dil = new int[r], st = new int[r], pb = new int[r], outGrid = new int[r];
        int blockSize = 1, locations = 1, imgSize = 1;
        for (int i = 0; i < r; i++) {
            img[i] = (int) imageShape[i];
            blk[i] = (int) blockShape[i];
            dil[i] = dilations == null ? 1 : (int) dilations[i];
            st[i] = strides == null ? 1 : (int) strides[i];
            pb[i] = pads == null ? 0 : (int) pads[i];
            int pe = pads == null ? 0 : (int) pads[i + r];
            outGrid[i] = (img[i] + pb[i] + pe - dil[i] * (blk[i] - 1) - 1) / st[i] + 1;
            blockSize *= blk[i];
            locations *= outGrid[i];
            imgSize *= img[i];
        }
        int n = input.shape().dim(0);
        if (input.shape().dim(1) % blockSize != 0 || input.shape().dim(2) != locations) {
            throw new IllegalArgumentException("Col2Im: input " + input.shape() + " needs C*" + blockSize + " rows and "
                    + locations + " columns");
        }
        int c = input.shape().dim(1) / blockSize;
        int[] od = new int[r + 2];
        od[0] = n;
        od[1] = c;
        for (int i = 0; i < r; i++) od[2 + i] = img[i];
        Tensor out = Tensor.zeros(input.dtype(), Shape.of(od));
        double[] in = input.toDoubleArray();
        double[] acc = new double[out.size()];
        int[] b = new int[r], l = new int[r];
        for (int ni = 0; ni < n; ni++) {
            for (int ci = 0; ci < c; ci++) {
                Arrays.fill(b, 0);
                for (int bi = 0; bi < blockSize; bi++) {
                    Arrays.fill(l, 0);
                    for (int li = 0; li < locations; li++) {
                        int flat = 0;
                        boolean inside = true;
                        for (int i = 0; i < r && inside; i++) {
                            int p = l[i] * st[i] - pb[i] + b[i] * dil[i];
                            inside = p >= 0 && p < img[i];
                            flat = flat * img[i] + p;
                        }
                        if (inside) acc[(ni * c + ci) * imgSize + flat] += in[((ni * c + ci) * blockSize + bi) * locations + li];
                        advance(l, outGrid);
                    }
                    advance(b, blk);
                }
            }
        }
        for (int i = 0; i < acc.length; i++) out.writeDouble(i, acc[i]);
        return out;
    }

    /** Row-major increment of a multi-index. */
    static void advance(int[] pos, int[] dims) {
        for (int a = dims.length - 1; a >= 0; a--) {
            if (++pos[a] < dims[a]) return;
            pos[a] = 0;
        }
    }
}
