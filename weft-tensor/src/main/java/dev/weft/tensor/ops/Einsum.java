package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ONNX Einsum: Einstein summation with explicit ({@code "ij,jk->ik"}) or implicit output,
 * ellipses, repeated labels (diagonals) and broadcasting of ellipsis dims. A reference
 * implementation: one pass over every combination of label values, accumulating in double, so its
 * cost is the product of all label sizes. Two-operand contractions that are plain matrix products
 * are better expressed with {@link MatMul}.
 */
public final class Einsum {
    private Einsum() {}

    private static final int ELLIPSIS_BASE = 1000;

    public static Tensor einsum(String equation, Tensor... inputs) {
        String eq = equation.replace(" ", "");
        String lhs = eq.contains("->") ? eq.substring(0, eq.indexOf("->")) : eq;
        String[] terms = lhs.split(",", -1);
        if (terms.length != inputs.length) {
            throw new IllegalArgumentException("Einsum: equation \"" + equation + "\" has " + terms.length + " operands but "
                    + inputs.length + " inputs were given");
        }
        for (Tensor t : inputs) Args.sameDtype("Einsum", inputs[0], t);
        int ellipsisRank = 0;
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            int letters = terms[i].replace("...", "").length();
            int er = terms[i].contains("...") ? inputs[i].rank() - letters : 0;
            if (er < 0 || (!terms[i].contains("...") && letters != inputs[i].rank())) {
                throw new IllegalArgumentException("Einsum: term \"" + terms[i] + "\" does not match input " + inputs[i].shape());
            }
            ellipsisRank = Math.max(ellipsisRank, er);
        }
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < terms.length; i++) {
            int[] l = expand(terms[i], inputs[i].rank(), ellipsisRank);
            labels.add(l);
            for (int a = 0; a < l.length; a++) {
                int d = inputs[i].shape().dim(a);
                Integer old = sizes.get(l[a]);
                if (old == null || old == 1) sizes.put(l[a], d);
                else if (d != old && d != 1) {
                    throw new IllegalArgumentException("Einsum: label '" + name(l[a]) + "' has sizes " + old + " and " + d
                            + " in \"" + equation + "\"");
                }
                counts.merge(l[a], 1, Integer::sum);
            }
        }
        int[] out;
        if (eq.contains("->")) {
            out = expand(eq.substring(eq.indexOf("->") + 2), -1, ellipsisRank);
        } else {
            TreeSet<Integer> once = new TreeSet<>();
            counts.forEach((k, v) -> { if (v == 1 && k < ELLIPSIS_BASE) once.add(k); });
            out = new int[ellipsisRank + once.size()];
            for (int e = 0; e < ellipsisRank; e++) out[e] = ELLIPSIS_BASE + e;
            int j = ellipsisRank;
            for (int k : once) out[j++] = k;
        }
        List<Integer> all = new ArrayList<>(sizes.keySet());
        int[] outDims = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            Integer s = sizes.get(out[i]);
            if (s == null) throw new IllegalArgumentException("Einsum: output label '" + name(out[i]) + "' is in no input");
            outDims[i] = s;
        }
        Tensor result = Tensor.zeros(inputs[0].dtype(), Shape.of(outDims));
        double[] acc = new double[result.size()];
        int[] dims = new int[all.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = sizes.get(all.get(i));
        long total = 1;
        for (int d : dims) total *= d;
        int[][] pick = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            int[] l = labels.get(i);
            pick[i] = new int[l.length];
            for (int a = 0; a < l.length; a++) pick[i][a] = all.indexOf(l[a]);
        }
        int[] outPick = new int[out.length];
        for (int i = 0; i < out.length; i++) outPick[i] = all.indexOf(out[i]);
        Tensor[] c = new Tensor[inputs.length];
        int[][] st = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            c[i] = inputs[i];
            st[i] = inputs[i].strides();
        }
        int[] idx = new int[dims.length];
        for (long it = 0; it < total; it++) {
            double prod = 1;
            for (int i = 0; i < inputs.length && prod != 0; i++) {
                int pos = c[i].offset();
                for (int a = 0; a < pick[i].length; a++) {
                    int v = c[i].shape().dim(a) == 1 ? 0 : idx[pick[i][a]];
                    pos += v * st[i][a];
                }
                prod *= c[i].readDouble(pos);
            }
            int o = 0;
            for (int a = 0; a < outPick.length; a++) o = o * outDims[a] + idx[outPick[a]];
            acc[o] += prod;
            Indexing.advance(idx, dims);
        }
        for (int i = 0; i < acc.length; i++) result.writeDouble(i, acc[i]);
        return result;
    }

    /** The labels of one term, with "..." replaced by ellipsis labels (right-aligned). */
    private static int[] expand(String term, int rank, int ellipsisRank) {
        int at = term.indexOf("...");
        String plain = term.replace("...", "");
        int er = at < 0 ? 0 : (rank < 0 ? ellipsisRank : rank - plain.length());
        int[] l = new int[plain.length() + er];
        int j = 0;
        for (int i = 0; i < term.length(); i++) {
            if (i == at) {
                for (int e = 0; e < er; e++) l[j++] = ELLIPSIS_BASE + (ellipsisRank - er) + e;
                i += 2;
                continue;
            }
            char ch = term.charAt(i);
            if (!Character.isLetter(ch)) throw new IllegalArgumentException("Einsum: bad label '" + ch + "' in \"" + term + "\"");
            l[j++] = ch;
        }
        return l;
    }

    private static String name(int label) { return label >= ELLIPSIS_BASE ? "..." : String.valueOf((char) label); }
}
