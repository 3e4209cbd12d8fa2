package dev.weft.train.data;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled examples: {@code features} is float32 [N, F] (contiguous), {@code labels} int64 [N]
 * with values in {@code 0..classes-1}. Immutable by convention; splits and batches copy rows.
 */
public record Dataset(Tensor features, Tensor labels, int classes) {
    public Dataset {
        if (features.dtype() != DType.FLOAT32 || features.rank() != 2) {
            throw new IllegalArgumentException("features must be float32 [N, F], got " + features.dtype() + features.shape());
        }
        if (labels.dtype() != DType.INT64 || labels.rank() != 1 || labels.shape().dim(0) != features.shape().dim(0)) {
            throw new IllegalArgumentException("labels must be int64 [" + features.shape().dim(0) + "], got "
                    + labels.dtype() + labels.shape());
        }
        features = features.contiguous();
        labels = labels.contiguous();
    }

    /** Number of examples. */
    public int size() { return features.shape().dim(0); }

    /** Features per example. */
    public int width() { return features.shape().dim(1); }

    /** A training and a held-out part. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * Shuffles with {@code seed} and holds out {@code testFraction} of the examples; the same seed
     * always gives the same split.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1, got " + testFraction);
        }
        int[] order = permutation(size(), new Random(seed));
        int test = (int) Math.round(size() * testFraction);
        return new Split(rows(java.util.Arrays.copyOfRange(order, test, order.length)),
                rows(java.util.Arrays.copyOfRange(order, 0, test)));
    }

    /** One mini-batch: features [B, F] and labels [B]. */
    public record Batch(Tensor features, Tensor labels) {
        public int size() { return labels.size(); }
    }

    /**
     * The examples in mini-batches of {@code batchSize}, in an order shuffled by {@code rnd}. With
     * {@code dropLast}, a final short batch is left out (keeps every batch the same shape).
     */
    public List<Batch> batches(int batchSize, Random rnd, boolean dropLast) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int[] order = permutation(size(), rnd);
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            if (dropLast && end - start < batchSize) break;
            Dataset part = rows(java.util.Arrays.copyOfRange(order, start, end));
            out.add(new Batch(part.features, part.labels));
        }
        return out;
    }

    /** The examples at the given row indices, copied. */
    public Dataset rows(int[] indices) {
        int f = width();
        float[] src = features.floatData();
        long[] lab = labels.longData();
        float[] x = new float[indices.length * f];
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, features.offset() + indices[i] * f, x, i * f, f);
            y[i] = lab[labels.offset() + indices[i]];
        }
        return new Dataset(Tensor.wrap(DType.FLOAT32, Shape.of(indices.length, f), x),
                Tensor.of(y, indices.length), classes);
    }

    private static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
