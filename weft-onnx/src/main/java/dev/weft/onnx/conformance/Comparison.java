package dev.weft.onnx.conformance;

import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * Compares an output with its reference the way the ONNX backend runner does: dtype and shape
 * must match; floats within {@code atol + rtol * |expected|} (NaN matches NaN, infinities must
 * match exactly); integers and bools exactly.
 */
public final class Comparison {
    private Comparison() {}

    /** Null when {@code actual} matches {@code expected}, else a one-line reason naming {@code name}. */
    public static String mismatch(String name, Tensor actual, Tensor expected, double rtol, double atol) {
        if (actual == null) return "output '" + name + "' missing";
        if (actual.dtype() != expected.dtype()) {
            return "output '" + name + "' has dtype " + actual.dtype() + ", expected " + expected.dtype();
        }
        if (!actual.shape().equals(expected.shape())) {
            return "output '" + name + "' has shape " + actual.shape() + ", expected " + expected.shape();
        }
        int n = expected.size();
        int bad = 0, first = -1;
        double worst = 0;
        boolean floating = expected.dtype().isFloating();
        for (int i = 0; i < n; i++) {
            boolean ok;
            if (floating) {
                double a = actual.getDouble(i), e = expected.getDouble(i);
                if (Double.isNaN(e) || Double.isNaN(a)) ok = Double.isNaN(e) && Double.isNaN(a);
                else if (Double.isInfinite(e) || Double.isInfinite(a)) ok = a == e;
                else {
                    double diff = Math.abs(a - e);
                    ok = diff <= atol + rtol * Math.abs(e);
                    if (!ok) worst = Math.max(worst, diff);
                }
            } else {
                ok = actual.getLong(i) == expected.getLong(i);
            }
            if (!ok) {
                bad++;
                if (first < 0) first = i;
            }
        }
        if (bad == 0) return null;
        String at = Arrays.toString(unflatten(first, expected.shape().dims()));
        String got = floating ? Double.toString(actual.getDouble(first)) : Long.toString(actual.getLong(first));
        String want = floating ? Double.toString(expected.getDouble(first)) : Long.toString(expected.getLong(first));
        return "output '" + name + "': " + bad + " of " + n + " elements differ; first at " + at + ": got " + got
                + ", expected " + want + (floating ? String.format(" (max abs diff %.3g)", worst) : "");
    }

    private static int[] unflatten(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % Math.max(dims[i], 1);
            flat /= Math.max(dims[i], 1);
        }
        return idx;
    }
}
