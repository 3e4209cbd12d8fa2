package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeOpsTest {
    private final Random rnd = new Random(13);

    private static Tensor iota(DType dt, int... dims) {
        Tensor t = Tensor.zeros(dt, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) t.setLong(i, i);
        return t;
    }

    @Test
    void reshapeFollowsOnnxZeroAndMinusOne() {
        Tensor x = iota(DType.FLOAT32, 2, 3, 4);
        assertEquals(Shape.of(2, 12), ShapeOps.reshape(x, new long[] {0, -1}, false).shape());
        assertEquals(Shape.of(4, 6), ShapeOps.reshape(x, new long[] {4, -1}, false).shape());
        assertSame(x.data(), ShapeOps.reshape(x, new long[] {24}, false).data());
        Tensor empty = Tensor.zeros(DType.FLOAT32, Shape.of(0, 3));
        assertEquals(Shape.of(3, 0), ShapeOps.reshape(empty, new long[] {3, 0}, true).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(x, new long[] {5, -1}, false));
        assertTrue(e.getMessage().contains("[2, 3, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(x, new long[] {-1, -1}, false));
        assertEquals(Shape.of(6, 4), ShapeOps.flatten(x, 2).shape());
        assertEquals(Shape.of(1, 24), ShapeOps.flatten(x, 0).shape());
        assertEquals(Shape.of(24, 1), ShapeOps.flatten(x, 3).shape());
    }

    @Test
    void squeezeAndUnsqueezeUseOnnxAxes() {
        Tensor x = Tensor.zeros(DType.FLOAT32, Shape.of(1, 3, 1, 2));
        assertEquals(Shape.of(3, 2), ShapeOps.squeeze(x).shape());
        assertEquals(Shape.of(1, 3, 2), ShapeOps.squeeze(x, -2).shape());
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.squeeze(x, 1));
        Tensor y = Tensor.zeros(DType.FLOAT32, Shape.of(3, 4));
        assertEquals(Shape.of(1, 3, 1, 4), ShapeOps.unsqueeze(y, 0, 2).shape());
        assertEquals(Shape.of(3, 4, 1), ShapeOps.unsqueeze(y, -1).shape());
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.unsqueeze(y, 0, 0));
    }

    @Test
    void sliceMatchesPythonSlicing() {
        Tensor x = iota(DType.INT64, 5, 7);
        Tensor s = ShapeOps.slice(x, new long[] {1, Long.MAX_VALUE}, new long[] {-1, Long.MIN_VALUE}, new long[] {0, 1}, new long[] {2, -3});
        // rows 1, 3; columns 6, 3, 0
        assertSameLongs("slice", new long[] {13, 10, 7, 27, 24, 21}, s);
        Tensor t = ShapeOps.slice(x, new long[] {10}, new long[] {20}, new long[] {1}, null);
        assertEquals(Shape.of(5, 0), t.shape());
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.slice(x, new long[] {0}, new long[] {1}, new long[] {0}, new long[] {0}));
    }

    @Test
    void expandAndShapeHelpers() {
        Tensor x = iota(DType.INT32, 3, 1);
        Tensor e = ShapeOps.expand(x, new long[] {2, 1, 4});
        assertEquals(Shape.of(2, 3, 4), e.shape());
        assertEquals(2, e.getLong(2 * 4 + 1));
        assertSameLongs("shape", new long[] {2, 3, 4}, ShapeOps.shapeOf(e));
        assertSameLongs("shape start", new long[] {3, 4}, ShapeOps.shapeOf(e, -2, 100));
        assertSameLongs("size", new long[] {24}, ShapeOps.sizeOf(e));
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.expand(x, new long[] {2, 2}));
    }

    @Test
    void transposeMaterializesEveryPermutation() {
        int[][] perms = {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {0, 2, 1}, {2, 0, 1}, {1, 2, 0}};
        for (int[] dims : new int[][] {{3, 37, 40}, {2, 0, 3}, {1, 5, 1}}) {
            Tensor x = Fixtures.random(DType.FLOAT32, Shape.of(dims), rnd);
            for (int[] p : perms) {
                Tensor t = ShapeOps.transpose(x, p);
                assertTrue(t.isContiguous());
                for (int i = 0; i < t.size(); i++) {
                    int[] o = Fixtures.unravel(i, t.shape().dims());
                    int[] src = new int[3];
                    for (int a = 0; a < 3; a++) src[p[a]] = o[a];
                    assertEquals(x.getDouble((src[0] * dims[1] + src[1]) * dims[2] + src[2]), t.getDouble(i));
                }
            }
        }
    }

    @Test
    void depthToSpaceRoundTrips() {
        Tensor x = iota(DType.FLOAT32, 1, 8, 2, 3);
        Tensor d = ShapeOps.depthToSpace(x, 2, "DCR");
        assertEquals(Shape.of(1, 2, 4, 6), d.shape());
        // DCR: out[0, c, h*2+i, w*2+j] = in[0, (i*2+j)*2 + c, h, w]; here c=1, h=1, i=1, w=2, j=1
        assertEquals(x.getDouble(((1 * 2 + 1) * 2 + 1) * 6 + 1 * 3 + 2), d.getDouble((1 * 4 + 3) * 6 + 5));
        assertClose("space to depth inverts DCR", x, ShapeOps.spaceToDepth(d, 2), 0, 0);
        Tensor c = ShapeOps.depthToSpace(x, 2, "CRD");
        // CRD: out[0, c, h*2+i, w*2+j] = in[0, c*4 + i*2 + j, h, w]
        assertEquals(x.getDouble((1 * 4 + 1 * 2 + 1) * 6 + 1 * 3 + 2), c.getDouble((1 * 4 + 3) * 6 + 5));
    }

    @Test
    void castsFollowOnnxRules() {
        Tensor f = Tensor.of(new float[] {-1.7f, 2.9f, Float.NaN, 0f, 300.5f}, 5);
        assertSameLongs("to int64 truncates", new long[] {-1, 2, 0, 0, 300}, Casts.cast(f, DType.INT64));
        assertSameLongs("to bool", new long[] {1, 1, 1, 0, 1}, Casts.cast(f, DType.BOOL));
        assertSameLongs("to uint8 wraps", new long[] {255, 2, 0, 0, 44}, Casts.cast(f, DType.UINT8));
        Tensor h = Casts.cast(f, DType.FLOAT16);
        assertClose("f16 round trip", new double[] {-1.7001953125, 2.900390625, Double.NaN, 0, 300.5}, Casts.cast(h, DType.FLOAT32), 0, 0);
        Tensor bf = Casts.cast(Tensor.of(new float[] {1.00390625f, 1.01171875f}, 2), DType.BFLOAT16);
        assertClose("bf16 ties to even", new double[] {1.0, 1.015625}, bf, 0, 0);
        Tensor b = Tensor.ofBools(new boolean[] {true, false}, 2);
        assertClose("bool to float", new double[] {1, 0}, Casts.cast(b, DType.FLOAT32), 0, 0);
        Tensor big = Tensor.of(new long[] {(1L << 40) + 3, -1}, 2);
        assertSameLongs("int64 to int32 wraps", new long[] {3, -1}, Casts.cast(big, DType.INT32));
        assertSameLongs("int64 to uint16 wraps", new long[] {3, 65535}, Casts.cast(big, DType.UINT16));
        Tensor u64 = Tensor.fromLongs(DType.UINT64, Shape.of(1), -1L);
        assertClose("uint64 to double", new double[] {1.8446744073709552E19}, Casts.cast(u64, DType.FLOAT64), 0, 0);
        assertSameLongs("double to uint64", new long[] {-2048L}, Casts.cast(Tensor.of(new double[] {1.8446744073709550E19}, 1), DType.UINT64));
        // every pair round-trips small integers exactly, on a strided view
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                Tensor x = Fixtures.relayout(Tensor.fromLongs(from, Shape.of(2, 3), 0, 1, 1, 0, 1, 1), 1);
                assertSameLongs(from + " -> " + to, new long[] {0, 1, 1, 0, 1, 1}, Casts.cast(x, to));
            }
        }
    }
}
