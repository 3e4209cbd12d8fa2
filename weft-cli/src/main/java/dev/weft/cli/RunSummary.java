package dev.weft.cli;

import dev.weft.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;

/** The short human summary {@code weft run} prints under each output. */
final class RunSummary {
    private RunSummary() {}

    /** Top-5 classes for a class-score vector ([N] or [1, N] floats, N >= 2); else the first values. */
    static void describe(Tensor t, PrintWriter out) {
        int[] d = t.shape().dims();
        boolean vector = t.dtype().isFloating() && t.size() >= 2
                && (d.length == 1 || (d.length == 2 && d[0] == 1));
        if (vector) {
            int n = t.size();
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -t.getDouble(i)));
            boolean probabilities = true;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = t.getDouble(i);
                sum += v;
                if (v < 0 || v > 1) probabilities = false;
            }
            probabilities &= Math.abs(sum - 1) < 1e-3;
            double max = t.getDouble(idx[0]), z = 0;
            for (int i = 0; i < n; i++) z += Math.exp(t.getDouble(i) - max);
            out.println("  top-" + Math.min(5, n) + " classes" + (probabilities ? "" : " (softmax of the scores)") + ":");
            for (int k = 0; k < Math.min(5, n); k++) {
                double v = t.getDouble(idx[k]);
                double p = probabilities ? v : Math.exp(v - max) / z;
                out.printf("    class %d: score %.4f (p = %.3f)%n", idx[k], v, p);
            }
        } else if (t.size() > 0) {
            out.println("  values: " + t.toString().substring(t.toString().indexOf('{')));
        }
    }
}
