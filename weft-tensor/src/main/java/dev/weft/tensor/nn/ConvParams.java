package dev.weft.tensor.nn;

import java.util.Arrays;

/**
 * Attributes of an ONNX Conv: per spatial axis kernel shape, strides, pads and dilations, and the
 * group count. A null array means the ONNX default (kernel from the weights, strides and dilations
 * 1, pads 0). {@code pads} holds all begins then all ends, as ONNX writes them.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public record ConvParams(int[] kernelShape, int[] strides, int[] pads, int[] dilations, int group) {
    public ConvParams {
        kernelShape = copy(kernelShape);
        strides = copy(strides);
        pads = copy(pads);
        dilations = copy(dilations);
    }

    /** All defaults: kernel from the weights, stride 1, no padding, dilation 1, one group. */
    public static ConvParams defaults() { return new ConvParams(null, null, null, null, 1); }

    public ConvParams withKernelShape(int... k) { return new ConvParams(k, strides, pads, dilations, group); }

    public ConvParams withStrides(int... s) { return new ConvParams(kernelShape, s, pads, dilations, group); }

    /** Pads as ONNX writes them: all begins, then all ends. */
    public ConvParams withPads(int... p) { return new ConvParams(kernelShape, strides, p, dilations, group); }

    public ConvParams withDilations(int... d) { return new ConvParams(kernelShape, strides, pads, d, group); }

    public ConvParams withGroup(int g) { return new ConvParams(kernelShape, strides, pads, dilations, g); }

    @Override public int[] kernelShape() { return copy(kernelShape); }

    @Override public int[] strides() { return copy(strides); }

    @Override public int[] pads() { return copy(pads); }

    @Override public int[] dilations() { return copy(dilations); }

    private static int[] copy(int[] a) { return a == null ? null : a.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvParams p && Arrays.equals(kernelShape, p.kernelShape) && Arrays.equals(strides, p.strides)
                && Arrays.equals(pads, p.pads) && Arrays.equals(dilations, p.dilations) && group == p.group;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(kernelShape), Arrays.hashCode(strides), Arrays.hashCode(pads),
                Arrays.hashCode(dilations), group});
    }

    @Override
    public String toString() {
        return "ConvParams[kernelShape=" + Arrays.toString(kernelShape) + ", strides=" + Arrays.toString(strides)
                + ", pads=" + Arrays.toString(pads) + ", dilations=" + Arrays.toString(dilations) + ", group=" + group + "]";
    }

    /**
     * Resolves an ONNX {@code auto_pad} value into explicit pads (begins then ends).
     *
     * @param autoPad   NOTSET (returns {@code explicit}, or zeros when null), VALID, SAME_UPPER or SAME_LOWER
     * @param in        input spatial sizes
     * @param kernel    kernel spatial sizes
     * @param strides   strides (null: 1)
     * @param dilations dilations (null: 1)
     */
    public static int[] autoPads(String autoPad, int[] in, int[] kernel, int[] strides, int[] dilations, int[] explicit) {
        int r = in.length;
        String mode = autoPad == null ? "NOTSET" : autoPad;
        switch (mode) {
            case "NOTSET" -> {
                return explicit == null ? new int[2 * r] : explicit.clone();
            }
            case "VALID" -> {
                return new int[2 * r];
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] pads = new int[2 * r];
                for (int i = 0; i < r; i++) {
                    int s = strides == null ? 1 : strides[i], d = dilations == null ? 1 : dilations[i];
                    int out = (in[i] + s - 1) / s;
                    int total = Math.max(0, (out - 1) * s + (kernel[i] - 1) * d + 1 - in[i]);
                    int small = total / 2, big = total - small;
                    pads[i] = mode.equals("SAME_UPPER") ? small : big;
                    pads[i + r] = mode.equals("SAME_UPPER") ? big : small;
                }
                return pads;
            }
            default -> throw new IllegalArgumentException("auto_pad must be NOTSET, VALID, SAME_UPPER or SAME_LOWER, got " + autoPad);
        }
    }
}
