package dev.weft.tensor.nn;

import dev.weft.tensor.Shape;
import java.util.Arrays;
import java.util.function.Supplier;

/** Checks sliding-window attributes against an input shape and resolves ONNX defaults. */
final class Windows {
    final int[] kernel, strides, padsBegin, padsEnd, dilations, in, out;

    private Windows(int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int[] in, int[] out) {
        this.kernel = kernel;
        this.strides = strides;
        this.padsBegin = padsBegin;
        this.padsEnd = padsEnd;
        this.dilations = dilations;
        this.in = in;
        this.out = out;
    }

    /**
     * @param op     operator name for messages
     * @param input  the NC... input shape (rank already checked to be 3..5)
     * @param kernel spatial kernel sizes (already known to have the right length)
     */
    static Windows resolve(String op, Shape input, int[] kernel, int[] strides, int[] pads, int[] dilations, boolean ceil) {
        int r = input.rank() - 2;
        // Messages name the op and input; built only when one is thrown (this runs on every call).
        Supplier<String> where = () -> op + " on input " + input;
        for (int i = 0; i < r; i++) {
            if (kernel[i] < 1) throw new IllegalArgumentException(where.get() + ": kernel shape " + Arrays.toString(kernel) + " has a size below 1");
        }
        int[] s = orDefault(where, "strides", strides, r, 1, 1);
        int[] d = orDefault(where, "dilations", dilations, r, 1, 1);
        int[] p = orDefault(where, "pads", pads, 2 * r, 0, 0);
        int[] pb = Arrays.copyOfRange(p, 0, r), pe = Arrays.copyOfRange(p, r, 2 * r);
        int[] in = Arrays.copyOfRange(input.dims(), 2, input.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            long span = (long) d[i] * (kernel[i] - 1) + 1;
            long room = (long) in[i] + pb[i] + pe[i] - span;
            if (room < 0) {
                throw new IllegalArgumentException(where.get() + ": the window along spatial axis " + i + " spans " + span
                        + " elements (kernel " + kernel[i] + ", dilation " + d[i] + ") but the padded input has only "
                        + ((long) in[i] + pb[i] + pe[i]));
            }
            long o = ceil ? (room + s[i] - 1) / s[i] + 1 : room / s[i] + 1;
            // In ceil mode a last window that would start inside the trailing padding is dropped.
            if (ceil && (o - 1) * s[i] >= (long) in[i] + pb[i]) o--;
            if (o > Shape.MAX_ELEMENTS) throw new IllegalArgumentException(where.get() + ": output size " + o + " is too large");
            out[i] = (int) o;
        }
        return new Windows(kernel.clone(), s, pb, pe, d, in, out);
    }

    private static int[] orDefault(Supplier<String> where, String name, int[] v, int len, int fill, int min) {
        if (v == null || v.length == 0) {
            int[] a = new int[len];
            Arrays.fill(a, fill);
            return a;
        }
        if (v.length != len) {
            throw new IllegalArgumentException(where.get() + ": " + name + " " + Arrays.toString(v) + " should have " + len + " values");
        }
        for (int x : v) {
            if (x < min) throw new IllegalArgumentException(where.get() + ": " + name + " " + Arrays.toString(v) + " must all be at least " + min);
        }
        return v.clone();
    }
}
