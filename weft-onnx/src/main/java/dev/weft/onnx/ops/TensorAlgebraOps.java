package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Einsum (by direct summation over all index values), Unique and RotaryEmbedding. */
final class TensorAlgebraOps {
    private TensorAlgebraOps() {}

    static void register(OpRegistry r) {
        r.add("Einsum", 12, c -> {
            String eq = c.attrString("equation", "").replace(" ", "");
            return c.op(Kernel.single(in -> einsum(eq, in)));
        });
        r.add("Unique", 11, c -> {
            Long axis = c.has("axis") ? c.attrInt("axis", 0) : null;
            boolean sorted = c.attrInt("sorted", 1) != 0;
            return c.op(in -> unique(in.get(0), axis, sorted), (o, ins) -> o == 0 ? ins.get(0) : DType.INT64);
        });
        r.add("RotaryEmbedding", 23, c -> {
            boolean interleaved = c.attrInt("interleaved", 0) != 0;
            int heads = c.attrIntExact("num_heads", 0);
            int rotDim = c.attrIntExact("rotary_embedding_dim", 0);
            return c.op(Kernel.single(in -> rotary(in.get(0), in.get(1), in.get(2), in.size() > 3 ? in.get(3) : null,
                    interleaved, heads, rotDim)));
        });
    }

    static Tensor einsum(String eq, List<Tensor> ins) {
        String lhs = eq.contains("->") ? eq.substring(0, eq.indexOf("->")) : eq;
        String[] terms = lhs.split(",", -1);
        // Ellipsis: replace "..." by fresh upper-case letters, aligned right across operands.
        int ell = 0;
        for (int i = 0; i < terms.length; i++) {
            if (terms[i].contains("...")) ell = Math.max(ell, ins.get(i).rank() - (terms[i].length() - 3));
        }
        String ellLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".substring(0, ell);
        for (int i = 0; i < terms.length; i++) {
            if (terms[i].contains("...")) {
                int k = ins.get(i).rank() - (terms[i].length() - 3);
                terms[i] = terms[i].replace("...", ellLetters.substring(ell - k));
            }
        }
        String out;
        if (eq.contains("->")) {
            out = eq.substring(eq.indexOf("->") + 2).replace("...", ellLetters);
        } else {
            Map<Character, Integer> count = new LinkedHashMap<>();
            for (String t : terms) for (char ch : t.toCharArray()) count.merge(ch, 1, Integer::sum);
            StringBuilder sb = new StringBuilder(ellLetters);
            count.entrySet().stream().filter(e -> e.getValue() == 1 && Character.isLowerCase(e.getKey()))
                    .map(Map.Entry::getKey).sorted().forEach(sb::append);
            out = sb.toString();
        }
        Map<Character, Integer> size = new LinkedHashMap<>();
        for (int i = 0; i < terms.length; i++) {
            for (int k = 0; k < terms[i].length(); k++) {
                int d = ins.get(i).shape().dim(k);
                char ch = terms[i].charAt(k);
                Integer prev = size.get(ch);
                if (prev == null || prev == 1) size.put(ch, d);
                else if (d != 1 && d != prev) throw new IllegalArgumentException("Einsum: index " + ch + " has sizes " + prev + " and " + d);
            }
        }
        List<Character> letters = new ArrayList<>(size.keySet());
        int[] dims = new int[letters.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = size.get(letters.get(i));
        int[] outDims = new int[out.length()];
        for (int i = 0; i < outDims.length; i++) outDims[i] = size.get(out.charAt(i));
        int[] outStr = Indexing.strides(outDims);
        double[] acc = new double[Shape.of(outDims).size()];
        int[][] pos = new int[terms.length][];
        int[][] strides = new int[terms.length][];
        for (int i = 0; i < terms.length; i++) {
            pos[i] = new int[terms[i].length()];
            strides[i] = Indexing.strides(ins.get(i).shape().dims());
            for (int k = 0; k < pos[i].length; k++) pos[i][k] = letters.indexOf(terms[i].charAt(k));
        }
        int[] outPos = new int[out.length()];
        for (int k = 0; k < outPos.length; k++) outPos[k] = letters.indexOf(out.charAt(k));
        Tensor[] cs = new Tensor[terms.length];
        for (int i = 0; i < cs.length; i++) cs[i] = ins.get(i).contiguous();
        Indexing.forEach(dims, (flat, idx) -> {
            double p = 1;
            for (int i = 0; i < terms.length; i++) {
                int f = 0;
                for (int k = 0; k < pos[i].length; k++) {
                    int d = cs[i].shape().dim(k);
                    f += (d == 1 ? 0 : idx[pos[i][k]]) * strides[i][k];
                }
                p *= cs[i].getDouble(f);
            }
            int o = 0;
            for (int k = 0; k < outPos.length; k++) o += idx[outPos[k]] * outStr[k];
            acc[o] += p;
        });
        Tensor res = Tensor.zeros(ins.getFirst().dtype(), Shape.of(outDims));
        for (int i = 0; i < acc.length; i++) res.setDouble(i, acc[i]);
        return res;
    }

    static List<Tensor> unique(Tensor x0, Long axis0, boolean sorted) {
        Tensor x = axis0 == null ? x0.reshape(x0.size()) : x0;
        int axis = axis0 == null ? 0 : Indexing.axis(axis0, x.rank());
        int n = x.shape().dim(axis);
        List<double[]> slices = new ArrayList<>();
        for (int i = 0; i < n; i++) slices.add(x.slice(axis, i, i + 1, 1).toDoubleArray());
        Comparator<double[]> lex = (p, q) -> Arrays.compare(p, q);
        List<Integer> firsts = new ArrayList<>();
        int[] inverseOfSlice = new int[n];
        for (int i = 0; i < n; i++) {
            int found = -1;
            for (int u = 0; u < firsts.size(); u++) if (Arrays.equals(slices.get(firsts.get(u)), slices.get(i))) { found = u; break; }
            if (found < 0) { firsts.add(i); found = firsts.size() - 1; }
            inverseOfSlice[i] = found;
        }
        Integer[] order = new Integer[firsts.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (sorted) Arrays.sort(order, (p, q) -> lex.compare(slices.get(firsts.get(p)), slices.get(firsts.get(q))));
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) rank[order[i]] = i;
        List<Tensor> parts = new ArrayList<>();
        long[] idx = new long[order.length], counts = new long[order.length], inv = new long[n];
        for (int i = 0; i < order.length; i++) {
            int f = firsts.get(order[i]);
            parts.add(x.slice(axis, f, f + 1, 1));
            idx[i] = f;
        }
        for (int i = 0; i < n; i++) { inv[i] = rank[inverseOfSlice[i]]; counts[(int) inv[i]]++; }
        Tensor y = parts.isEmpty() ? x : SliceOps.concat(parts, axis);
        return List.of(y, Indexing.int64(idx), Indexing.int64(inv), Indexing.int64(counts));
    }

    static Tensor rotary(Tensor x0, Tensor cos, Tensor sin, Tensor posIds, boolean interleaved, int heads, int rotDim0) {
        boolean threeD = x0.rank() == 3;
        Tensor x;
        int b, h, s, d;
        if (threeD) {
            b = x0.shape().dim(0);
            s = x0.shape().dim(1);
            h = heads;
            d = x0.shape().dim(2) / heads;
            x = x0.reshape(b, s, h, d).contiguous();
        } else {
            // 4-D input is (batch, heads, seq, head_size); work in (batch, seq, heads, head_size).
            x = x0.transpose(0, 2, 1, 3).contiguous();
            b = x.shape().dim(0);
            s = x.shape().dim(1);
            h = x.shape().dim(2);
            d = x.shape().dim(3);
        }
        int rot = rotDim0 == 0 ? d : rotDim0;
        int half = rot / 2;
        Tensor out = x.castTo(DType.FLOAT64).copy();
        double[] o = out.doubleData();
        for (int bi = 0; bi < b; bi++) {
            for (int si = 0; si < s; si++) {
                int cosBase;
                if (posIds != null) cosBase = (int) posIds.getLong(bi * s + si) * half;
                else cosBase = (bi * s + si) * half;
                for (int hi = 0; hi < h; hi++) {
                    int base = ((bi * s + si) * h + hi) * d;
                    for (int i = 0; i < half; i++) {
                        int i1 = interleaved ? 2 * i : i, i2 = interleaved ? 2 * i + 1 : i + half;
                        double c = cos.getDouble(cosBase + i), sn = sin.getDouble(cosBase + i);
                        double a1 = x.getDouble(base + i1), a2 = x.getDouble(base + i2);
                        o[base + i1] = a1 * c - a2 * sn;
                        o[base + i2] = a2 * c + a1 * sn;
                    }
                }
            }
        }
        Tensor res = out.castTo(x0.dtype());
        return threeD ? res.reshape(x0.shape()) : res.transpose(0, 2, 1, 3).contiguous();
    }
}
