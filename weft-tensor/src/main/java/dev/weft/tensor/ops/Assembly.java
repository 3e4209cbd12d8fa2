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
        Tensor out = Tensor.zeros(first.dtype(), Shape.of(dims));
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
}
