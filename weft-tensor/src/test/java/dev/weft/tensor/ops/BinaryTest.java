package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static dev.weft.tensor.Fixtures.assertSameLongs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Fixtures;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryTest {
    private final Random rnd = new Random(7);

    /** Pairs of shapes that broadcast, including scalars, empty and size-1 axes, odd lengths. */
    static final int[][][] PAIRS = {
        {{2, 3, 17}, {2, 3, 17}}, {{2, 3, 17}, {17}}, {{2, 3, 17}, {}}, {{}, {2, 3, 17}}, {{4, 1, 33}, {3, 1}},
        {{3, 1}, {1, 40}}, {{0, 3}, {3}}, {{2, 0}, {1}}, {{1}, {5}}, {{2, 3, 1, 1}, {1, 3, 4, 5}}, {{}, {}},
        {{5, 1}, {5, 16}}, {{1, 16}, {3, 1}}
    };

    /** Reference: element i of the broadcast result, computed from independent index arithmetic. */
    private static double[] reference(BinaryOp op, Tensor a, Tensor b, Shape out) {
        double[] r = new double[out.size()];
        int[] od = out.dims(), ad = a.shape().dims(), bd = b.shape().dims();
        Tensor cast = Tensor.zeros(a.dtype(), Shape.scalar());
        for (int i = 0; i < r.length; i++) {
            int[] idx = Fixtures.unravel(i, od);
            double x = a.getDouble(Fixtures.broadcastSource(idx, ad));
            double y = b.getDouble(Fixtures.broadcastSource(idx, bd));
            cast.setDouble(0, op.apply(x, y));
            r[i] = cast.getDouble(0);
        }
        return r;
    }

    @Test
    void floatOpsBroadcastOnEveryLayout() {
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW, BinaryOp.MAX,
            BinaryOp.MIN, BinaryOp.MOD, BinaryOp.FMOD, BinaryOp.PRELU};
        for (BinaryOp op : ops) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16}) {
                for (int[][] pair : PAIRS) {
                    Tensor a = Fixtures.random(dt, Shape.of(pair[0]), rnd);
                    Tensor b = Fixtures.random(dt, Shape.of(pair[1]), rnd);
                    if (op == BinaryOp.POW) a = Unary.abs(a);
                    Shape out = Shape.broadcast(a.shape(), b.shape());
                    double[] expected = reference(op, a, b, out);
                    double rtol = dt == DType.FLOAT16 ? 2e-3 : dt == DType.FLOAT32 ? 2e-6 : 1e-12;
                    for (int va = 0; va < 3; va++) {
                        Tensor la = Fixtures.relayout(a, va), lb = Fixtures.relayout(b, (va + 1) % 3);
                        String what = op + " " + dt + a.shape() + " " + b.shape() + " layout " + va;
                        Tensor got = Binary.apply(op, la, lb);
                        assertEquals(out, got.shape(), what);
                        assertClose(what, expected, got, rtol, 1e-6);
                        if (dt == DType.FLOAT32) {
                            assertClose(what + " scalar path", expected, Fixtures.scalarOnly(() -> Binary.apply(op, la, lb)), rtol, 1e-6);
                        }
                    }
                }
            }
        }
    }

    @Test
    void integerOpsAreExactAndFollowC() {
        Tensor a = Tensor.of(new long[] {7, -7, 7, -7, 0}, 5);
        Tensor b = Tensor.of(new long[] {2, 2, -2, -2, 3}, 5);
        assertSameLongs("div truncates", new long[] {3, -3, -3, 3, 0}, Binary.div(a, b));
        assertSameLongs("mod follows divisor", new long[] {1, 1, -1, -1, 0}, Binary.mod(a, b, false));
        assertSameLongs("fmod follows dividend", new long[] {1, -1, 1, -1, 0}, Binary.mod(a, b, true));
        assertSameLongs("pow", new long[] {49, 49, 0, 0, 0}, Binary.pow(a, b));
        assertSameLongs("max", new long[] {7, 2, 7, -2, 3}, Binary.max(a, b));
        Tensor big = Tensor.of(new long[] {(1L << 53) + 1}, 1);
        assertSameLongs("exact beyond 2^53", new long[] {(1L << 54) + 2}, Binary.add(big, big));
        assertThrows(ArithmeticException.class, () -> Binary.div(a, Tensor.of(new long[] {0})));

        Tensor u8a = Tensor.fromLongs(DType.UINT8, Shape.of(3), 200, 16, 255);
        Tensor u8b = Tensor.fromLongs(DType.UINT8, Shape.of(3), 100, 2, 1);
        assertSameLongs("uint8 add wraps", new long[] {44, 18, 0}, Binary.add(u8a, u8b));
        assertSameLongs("shift left", new long[] {0, 64, 254}, Binary.bitShift(u8a, u8b, true));
        assertSameLongs("shift right", new long[] {0, 4, 127}, Binary.bitShift(u8a, u8b, false));
        assertSameLongs("and", new long[] {64, 0, 1}, Binary.bitwiseAnd(u8a, u8b));
        assertSameLongs("xor", new long[] {172, 18, 254}, Binary.bitwiseXor(u8a, u8b));

        Tensor u64 = Tensor.fromLongs(DType.UINT64, Shape.of(2), -1L, 10);
        Tensor two = Tensor.fromLongs(DType.UINT64, Shape.of(1), 2);
        assertSameLongs("uint64 div is unsigned", new long[] {Long.MAX_VALUE, 5}, Binary.div(u64, two));
        assertSameLongs("uint64 max is unsigned", new long[] {-1L, 10}, Binary.max(u64, two));
        Tensor i32 = Tensor.of(new int[] {Integer.MAX_VALUE, -3}, 2);
        assertSameLongs("int32 wraps", new long[] {Integer.MIN_VALUE, -2}, Binary.add(i32, Tensor.of(new int[] {1}, 1)));
    }

    @Test
    void integerOpsMatchReferenceOnRandomBroadcasts() {
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAX, BinaryOp.MIN, BinaryOp.BITWISE_AND};
        for (DType dt : new DType[] {DType.INT64, DType.INT32, DType.INT16, DType.INT8, DType.UINT8, DType.UINT16, DType.UINT32}) {
            for (BinaryOp op : ops) {
                for (int[][] pair : PAIRS) {
                    Tensor a = Fixtures.relayout(Fixtures.random(dt, Shape.of(pair[0]), rnd), 0);
                    Tensor b = Fixtures.relayout(Fixtures.random(dt, Shape.of(pair[1]), rnd), 1);
                    Shape out = Shape.broadcast(a.shape(), b.shape());
                    long[] expected = new long[out.size()];
                    Tensor cast = Tensor.zeros(dt, Shape.scalar());
                    for (int i = 0; i < expected.length; i++) {
                        int[] idx = Fixtures.unravel(i, out.dims());
                        cast.setLong(0, op.applyLong(a.getLong(Fixtures.broadcastSource(idx, a.shape().dims())),
                                b.getLong(Fixtures.broadcastSource(idx, b.shape().dims()))));
                        expected[i] = cast.getLong(0);
                    }
                    assertSameLongs(op + " " + dt, expected, Binary.apply(op, a, b));
                }
            }
        }
    }

    @Test
    void mismatchesNameBothShapes() {
        Tensor a = Tensor.zeros(DType.FLOAT32, Shape.of(2, 3));
        Tensor b = Tensor.zeros(DType.FLOAT32, Shape.of(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binary.add(a, b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Binary.add(a, Tensor.zeros(DType.INT64, Shape.of(3))));
        assertTrue(e.getMessage().contains("float32[2, 3]") && e.getMessage().contains("int64[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binary.bitwiseAnd(a, a));
        assertThrows(IllegalArgumentException.class, () -> Binary.into(BinaryOp.ADD, a, a, Tensor.zeros(DType.FLOAT32, Shape.of(3, 2))));
    }

    @Test
    void variadicAndMixedPow() {
        Tensor a = Tensor.of(new float[] {1, 5, 3}, 3);
        Tensor b = Tensor.of(new float[] {4}, 1);
        Tensor c = Tensor.of(new float[] {0, 0, 9, 2, 2, 2}, 2, 3);
        assertClose("max3", new double[] {4, 5, 9, 4, 5, 4}, Binary.max(a, b, c), 0, 0);
        assertClose("min3", new double[] {0, 0, 3, 1, 2, 2}, Binary.min(a, b, c), 0, 0);
        assertClose("sum3", new double[] {5, 9, 16, 7, 11, 9}, Binary.sum(a, b, c), 0, 0);
        assertClose("mean2", new double[] {2.5, 4.5, 3.5}, Binary.mean(a, b), 0, 0);
        assertClose("float ^ int", new double[] {1, 25, 9}, Binary.pow(a, Tensor.of(new long[] {2}, 1)), 0, 0);
        assertSameLongs("int ^ float", new long[] {8, 27}, Binary.pow(Tensor.of(new int[] {2, 3}, 2), Tensor.scalar(3f)));
    }

    @Test
    void intoReusesTheOutput() {
        Tensor a = Fixtures.random(DType.FLOAT32, rnd, 4, 37);
        Tensor bias = Fixtures.random(DType.FLOAT32, rnd, 37);
        Tensor expected = Binary.add(a, bias);
        Tensor out = Tensor.zeros(DType.FLOAT32, a.shape());
        Binary.into(BinaryOp.ADD, a, bias, out);
        assertClose("into", expected, out, 0, 0);
        Binary.into(BinaryOp.ADD, a, bias, a);
        assertClose("in place", expected, a, 0, 0);
    }
}
