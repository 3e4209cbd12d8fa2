package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example in docs/tensors.md, line for line, with its results checked. */
class DocExampleTest {
    @Test
    void theDocumentedExampleRunsAndGivesWhatItSays() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor y = Binary.add(x, b);
        assertClose("add", new double[] {11, 22, 33, 14, 25, 36}, y, 0, 0);
        Tensor p = Softmax.softmax(y, -1);
        assertClose("softmax row sums", new double[] {1, 1}, Reductions.sum(p, new int[] {1}, false), 1e-6, 0);
        Tensor m = Reductions.mean(y, new int[] {1}, true);
        assertEquals(Shape.of(2, 1), m.shape());
        Tensor t = x.transpose();
        assertEquals(Shape.of(3, 2), t.shape());
        Tensor c = t.contiguous();
        assertClose("transposed", new double[] {1, 4, 2, 5, 3, 6}, c, 0, 0);
        Tensor g = Indexing.gather(x, Tensor.of(new long[] {-1, 0}, 2), 1);
        assertClose("gather", new double[] {3, 1, 6, 4}, g, 0, 0);
        Tensor i = Casts.cast(x, DType.INT64);
        assertSameLongs("cast", new long[] {1, 2, 3, 4, 5, 6}, i);
        Binary.into(BinaryOp.MUL, x, b, x);
        assertClose("in place", new double[] {10, 40, 90, 40, 100, 180}, x, 0, 0);
    }
}
