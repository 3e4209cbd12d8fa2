package dev.weft.tensor.nn;

import java.util.Arrays;

/**
 * Attributes of ONNX MaxPool / AveragePool: kernel shape (required), strides, pads (begins then
 * ends), dilations and ceil mode. Null arrays mean the ONNX defaults (stride 1, pad 0, dilation 1).
 * Immutable: arrays are copied in and out.
 */
public record PoolParams(int[] kernelShape, int[] strides, int[] pads, int[] dilations, boolean ceilMode) {
    public PoolParams {
        kernelShape = copy(kernelShape);
        strides = copy(strides);
        pads = copy(pads);
        dilations = copy(dilations);
    }

    /** A window of the given shape with stride 1, no padding, dilation 1, floor mode. */
    public static PoolParams of(int... kernelShape) { return new PoolParams(kernelShape, null, null, null, false); }

    public PoolParams withStrides(int... s) { return new PoolParams(kernelShape, s, pads, dilations, ceilMode); }

    /** Pads as ONNX writes them: all begins, then all ends. */
    public PoolParams withPads(int... p) { return new PoolParams(kernelShape, strides, p, dilations, ceilMode); }

    public PoolParams withDilations(int... d) { return new PoolParams(kernelShape, strides, pads, d, ceilMode); }

    public PoolParams withCeilMode(boolean c) { return new PoolParams(kernelShape, strides, pads, dilations, c); }

    @Override public int[] kernelShape() { return copy(kernelShape); }

    @Override public int[] strides() { return copy(strides); }

    @Override public int[] pads() { return copy(pads); }

    @Override public int[] dilations() { return copy(dilations); }

    private static int[] copy(int[] a) { return a == null ? null : a.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolParams p && Arrays.equals(kernelShape, p.kernelShape) && Arrays.equals(strides, p.strides)
                && Arrays.equals(pads, p.pads) && Arrays.equals(dilations, p.dilations) && ceilMode == p.ceilMode;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(kernelShape), Arrays.hashCode(strides), Arrays.hashCode(pads),
                Arrays.hashCode(dilations), ceilMode ? 1 : 0});
    }

    @Override
    public String toString() {
        return "PoolParams[kernelShape=" + Arrays.toString(kernelShape) + ", strides=" + Arrays.toString(strides)
                + ", pads=" + Arrays.toString(pads) + ", dilations=" + Arrays.toString(dilations) + ", ceilMode=" + ceilMode + "]";
    }
}
