package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** TfIdfVectorizer over integer tokens (string pools are refused as unsupported). */
final class TextOps {
    private TextOps() {}

    static void register(OpRegistry r) {
        r.add("TfIdfVectorizer", 9, c -> {
            if (c.has("pool_strings")) throw c.unsupported("string n-gram pools (unsupported dtype string)");
            int minN = c.attrIntExact("min_gram_length", 1), maxN = c.attrIntExact("max_gram_length", 1);
            int maxSkip = c.attrIntExact("max_skip_count", 0);
            String mode = c.attrString("mode", "TF");
            long[] counts = c.attrInts("ngram_counts"), indexes = c.attrInts("ngram_indexes"), pool = c.attrInts("pool_int64s");
            float[] weights = c.attrFloats("weights");
            // Map each pool n-gram (as a list of tokens) to its output column.
            Map<List<Long>, Integer> column = new HashMap<>();
            int k = 0;
            for (int n = 1; n <= counts.length; n++) {
                int start = (int) counts[n - 1], end = n < counts.length ? (int) counts[n] : pool.length;
                for (int p = start; p + n <= end; p += n) {
                    List<Long> gram = new ArrayList<>();
                    for (int i = 0; i < n; i++) gram.add(pool[p + i]);
                    column.put(gram, (int) indexes[k++]);
                }
            }
            int width = (int) Arrays.stream(indexes).max().orElse(-1) + 1;
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                boolean batched = x.rank() == 2;
                int rows = batched ? x.shape().dim(0) : 1, len = batched ? x.shape().dim(1) : x.size();
                Tensor out = Tensor.zeros(DType.FLOAT32, batched ? Shape.of(rows, width) : Shape.of(width));
                for (int row = 0; row < rows; row++) {
                    double[] tf = new double[width];
                    for (int n = minN; n <= maxN; n++) {
                        for (int start = 0; start < len; start++) {
                            for (int skip = 0; skip <= (n == 1 ? 0 : maxSkip); skip++) {
                                if (start + (long) (n - 1) * (skip + 1) >= len) break;
                                List<Long> gram = new ArrayList<>();
                                for (int i = 0; i < n; i++) gram.add(x.getLong(row * len + start + i * (skip + 1)));
                                Integer col = column.get(gram);
                                if (col != null) tf[col]++;
                            }
                        }
                    }
                    for (int col = 0; col < width; col++) {
                        double w = weights == null ? 1 : weights[col];
                        double v = switch (mode) {
                            case "IDF" -> tf[col] > 0 ? w : 0;
                            case "TFIDF" -> tf[col] * w;
                            default -> tf[col];
                        };
                        out.setDouble(row * width + col, v);
                    }
                }
                return out;
            }), DTypeRule.fixed(DType.FLOAT32));
        });
    }
}
