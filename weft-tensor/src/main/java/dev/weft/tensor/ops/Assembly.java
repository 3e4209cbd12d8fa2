package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * Operators that assemble tensors from pieces or cut them up: Concat, Split, Tile and Pad.
 * Results are new contiguous tensors; inputs may be any views. Copies go through
 * {@link System#arraycopy} in the largest contiguous blocks the layout allows.
 */
public final class Assembly {
    private Assembly() {}

    /** ONNX Concat along {@code axis}: same dtype and rank, equal dims except on the axis. */
    public static Tensor concat(int axis, Tensor... inputs) {
        if (inputs.length == 0) throw new IllegalArgumentException("Concat needs at least one input");
        Tensor first = inputs[0];
        int ax = first.shape().normalizeAxis(axis);
        int total = 0;
        for (Tensor t : inputs) {
            Args.sameDtype("Concat", first, t);
            boolean ok = t.rank() == first.rank();
            for (int i = 0; ok && i < t.rank(); i++) ok = i == ax || t.shape().dim(i) == first.shape().dim(i);
            if (!ok) {
                throw new IllegalArgumentException("Concat along axis " + axis + ": shapes " + first.shape() + " and "
                        + t.shape() + " differ off the axis");
            }
            total += t.shape().dim(ax);
            if (total < 0) throw new IllegalArgumentException("Concat: the result along axis " + axis + " is too large");
        }
        int[] dims = first.shape().dims();
        dims[ax] = total;
        Tensor out = Tensor.uninitialized(first.dtype(), Shape.of(dims));
        if (out.size() == 0) return out;
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= dims[i];
        for (int i = ax + 1; i < dims.length; i++) inner *= dims[i];
        int rowOut = total * inner;
        int at = 0;
        for (Tensor t : inputs) {
            int block = t.shape().dim(ax) * inner;
            if (block == 0) continue;
            Tensor c = t.contiguous();
            for (int o = 0; o < outer; o++) System.arraycopy(c.data(), c.offset() + o * block, out.data(), o * rowOut + at, block);
            at += block;
        }
        return out;
    }

    /** ONNX Split with explicit sizes along {@code axis}; they must sum to the axis length. */
    public static Tensor[] split(Tensor x, int axis, int[] sizes) {
        int ax = x.shape().normalizeAxis(axis);
        long sum = 0;
        for (int s : sizes) {
            if (s < 0) throw new IllegalArgumentException("Split: negative size in " + Arrays.toString(sizes));
            sum += s;
        }
        if (sum != x.shape().dim(ax)) {
            throw new IllegalArgumentException("Split: sizes " + Arrays.toString(sizes) + " sum to " + sum + " but axis "
                    + axis + " of " + x.shape() + " has " + x.shape().dim(ax));
        }
        Tensor[] out = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = x.slice(ax, start, start + sizes[i], 1).copy();
            start += sizes[i];
        }
        return out;
    }

    /** ONNX Split into {@code parts} pieces of ceil(n/parts), the last one smaller when n does not divide. */
    public static Tensor[] split(Tensor x, int axis, int parts) {
        if (parts <= 0) throw new IllegalArgumentException("Split: the number of outputs must be positive, got " + parts);
        int n = x.shape().dim(axis);
        int chunk = (n + parts - 1) / parts;
        int[] sizes = new int[parts];
        for (int i = 0, left = n; i < parts; i++) {
            sizes[i] = Math.min(chunk, left);
            left -= sizes[i];
        }
        return split(x, axis, sizes);
    }

    /** ONNX Tile: repeats axis i {@code repeats[i]} times. */
    public static Tensor tile(Tensor x, long[] repeats) {
        if (repeats.length != x.rank()) {
            throw new IllegalArgumentException("Tile: " + repeats.length + " repeats for a tensor of shape " + x.shape());
        }
        long[] dims = new long[x.rank()];
        int[][] maps = new int[x.rank()][];
        for (int i = 0; i < x.rank(); i++) {
            if (repeats[i] < 0) throw new IllegalArgumentException("Tile: negative repeat " + repeats[i] + " on axis " + i);
            int d = x.shape().dim(i);
            dims[i] = d * repeats[i];
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(dims));
        for (int i = 0; i < x.rank(); i++) {
            int d = x.shape().dim(i);
            maps[i] = new int[out.shape().dim(i)];
            for (int j = 0; j < maps[i].length; j++) maps[i][j] = j % d;
        }
        AxisMapCopy.copy(x, maps, out);
        return out;
    }

    /**
     * ONNX Pad: {@code pads} holds the begin counts of the padded axes then their end counts
     * (negative values crop); {@code axes} null means every axis. {@code value} fills in
     * {@link PadMode#CONSTANT} mode.
     */
    public static Tensor pad(Tensor x, long[] pads, int[] axes, PadMode mode, double value) {
        int rank = x.rank();
        int[] ax = axes;
        if (ax == null) {
            ax = new int[rank];
            for (int i = 0; i < rank; i++) ax[i] = i;
        }
        if (pads.length != 2 * ax.length) {
            throw new IllegalArgumentException("Pad: " + pads.length + " pads for " + ax.length + " axes of shape " + x.shape()
                    + " (need begin and end for each)");
        }
        long[] begin = new long[rank], end = new long[rank];
        for (int i = 0; i < ax.length; i++) {
            int a = x.shape().normalizeAxis(ax[i]);
            begin[a] = pads[i];
            end[a] = pads[i + ax.length];
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = x.shape().dim(i) + begin[i] + end[i];
            if (dims[i] < 0) {
                throw new IllegalArgumentException("Pad: pads " + Arrays.toString(pads) + " crop axis " + i + " of " + x.shape()
                        + " below zero");
            }
        }
        Tensor out = mode == PadMode.CONSTANT ? Tensor.full(x.dtype(), Shape.of(dims), value) : Tensor.zeros(x.dtype(), Shape.of(dims));
        int[][] maps = new int[rank][];
        for (int i = 0; i < rank; i++) {
            int d = x.shape().dim(i);
            maps[i] = new int[(int) dims[i]];
            if (d == 0 && maps[i].length > 0 && mode != PadMode.CONSTANT) {
                throw new IllegalArgumentException("Pad: " + mode + " mode cannot pad the empty axis " + i + " of " + x.shape());
            }
            for (int j = 0; j < maps[i].length; j++) maps[i][j] = source(j - begin[i], d, mode);
        }
        AxisMapCopy.copy(x, maps, out);
        return out;
    }

    /** ONNX Pad with every axis and a constant. */
    public static Tensor pad(Tensor x, long[] pads, double value) { return pad(x, pads, null, PadMode.CONSTANT, value); }

    /** The source index that output position {@code p} (relative to the input's start) reads, or -1. */
    private static int source(long p, int d, PadMode mode) {
        if (p >= 0 && p < d) return (int) p;
        return switch (mode) {
            case CONSTANT -> -1;
            case EDGE -> p < 0 ? 0 : d - 1;
            case WRAP -> (int) Math.floorMod(p, (long) d);
            case REFLECT -> {
                if (d == 1) yield 0;
                long period = 2L * (d - 1);
                long m = Math.floorMod(p, period);
                yield (int) (m < d ? m : period - m);
            }
        };
    }

    /**
     * ONNX Compress: the slices along {@code axis} whose 1-D {@code condition} entry is true
     * (entries past the condition's end count as false); a null axis works on the flattened input.
     */
    public static Tensor compress(Tensor x, Tensor condition, Integer axis) {
        if (condition.rank() != 1) throw new IllegalArgumentException("Compress: condition must be 1-D, got " + condition.shape());
        Tensor in = axis == null ? x.reshape(x.size()) : x;
        int ax = in.shape().normalizeAxis(axis == null ? 0 : axis);
        int n = in.shape().dim(ax);
        if (condition.size() > n) {
            throw new IllegalArgumentException("Compress: condition of length " + condition.size() + " is longer than axis "
                    + ax + " of " + in.shape());
        }
        int[] keep = new int[n];
        int count = 0;
        for (int i = 0; i < condition.size(); i++) if (condition.getDouble(i) != 0) keep[count++] = i;
        int[][] maps = identityMaps(in.shape());
        maps[ax] = Arrays.copyOf(keep, count);
        int[] dims = in.shape().dims();
        dims[ax] = count;
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(dims));
        AxisMapCopy.copy(in, maps, out);
        return out;
    }

    /**
     * ONNX ReverseSequence: for each batch entry b, reverses the first {@code sequenceLens[b]}
     * elements along {@code timeAxis}.
     */
    public static Tensor reverseSequence(Tensor x, Tensor sequenceLens, int batchAxis, int timeAxis) {
        int ba = x.shape().normalizeAxis(batchAxis), ta = x.shape().normalizeAxis(timeAxis);
        long[] lens = sequenceLens.toLongArray();
        if (ba == ta || lens.length != x.shape().dim(ba)) {
            throw new IllegalArgumentException("ReverseSequence: " + lens.length + " sequence lengths for batch axis " + batchAxis
                    + " and time axis " + timeAxis + " of " + x.shape());
        }
        Tensor out = x.copy();
        int t = x.shape().dim(ta);
        for (int b = 0; b < lens.length; b++) {
            if (lens[b] < 0 || lens[b] > t) {
                throw new IllegalArgumentException("ReverseSequence: length " + lens[b] + " exceeds time axis of " + x.shape());
            }
            int len = (int) lens[b];
            if (len == 0) continue;
            Tensor src = x.slice(ba, b, b + 1, 1).slice(ta, len - 1, Integer.MIN_VALUE + 1, -1);
            out.slice(ba, b, b + 1, 1).slice(ta, 0, len, 1).copyFrom(src);
        }
        return out;
    }

    /**
     * ONNX CenterCropPad: each listed axis (all when {@code axes} is null) is cropped or
     * zero-padded around its center to {@code shape}; an odd difference puts the extra element
     * at the end.
     */
    public static Tensor centerCropPad(Tensor x, long[] shape, int[] axes) {
        int[] ax = axes;
        if (ax == null) {
            ax = new int[x.rank()];
            for (int i = 0; i < ax.length; i++) ax[i] = i;
        }
        if (shape.length != ax.length) {
            throw new IllegalArgumentException("CenterCropPad: " + shape.length + " sizes for " + ax.length + " axes of " + x.shape());
        }
        int[][] maps = identityMaps(x.shape());
        int[] dims = x.shape().dims();
        for (int i = 0; i < ax.length; i++) {
            int a = x.shape().normalizeAxis(ax[i]);
            int d = dims[a], target = (int) shape[i];
            if (target < 0) throw new IllegalArgumentException("CenterCropPad: negative size " + target);
            maps[a] = new int[target];
            int shift = target <= d ? (d - target) / 2 : -((target - d) / 2);
            for (int j = 0; j < target; j++) {
                int src = j + shift;
                maps[a][j] = src >= 0 && src < d ? src : -1;
            }
            dims[a] = target;
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(dims));
        AxisMapCopy.copy(x, maps, out);
        return out;
    }

    private static int[][] identityMaps(Shape s) {
        int[][] maps = new int[s.rank()][];
        for (int i = 0; i < s.rank(); i++) {
            maps[i] = new int[s.dim(i)];
            for (int j = 0; j < maps[i].length; j++) maps[i][j] = j;
        }
        return maps;
    }
}
