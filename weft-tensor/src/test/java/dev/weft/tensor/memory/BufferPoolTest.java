package dev.weft.tensor.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void zerosInsideABindingReusesReleasedArraysZeroFilled() throws Exception {
        BufferPool pool = new BufferPool();
        Tensor first = ScopedValue.where(BufferPool.CURRENT, pool).call(() -> Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)));
        first.floatData()[4] = 7f;
        pool.release(first.data());
        Tensor second = ScopedValue.where(BufferPool.CURRENT, pool).call(() -> Tensor.zeros(DType.FLOAT32, Shape.of(3, 2)));
        assertSame(first.data(), second.data(), "same storage kind and length: reused");
        assertEquals(0f, second.floatData()[4], "handed out zero-filled");
        Tensor other = ScopedValue.where(BufferPool.CURRENT, pool).call(() -> Tensor.zeros(DType.INT32, Shape.of(6)));
        assertNotSame(first.data(), other.data(), "another storage kind is never mixed in");
        assertEquals(24, pool.reusedBytes());
        assertEquals(48, pool.allocatedBytes());
    }

    @Test
    void outsideABindingZerosAllocatesAsUsual() {
        BufferPool pool = new BufferPool();
        Tensor a = Tensor.zeros(DType.FLOAT64, Shape.of(4));
        pool.release(a.data());
        assertNotSame(a.data(), Tensor.zeros(DType.FLOAT64, Shape.of(4)).data());
        assertEquals(0, pool.allocatedBytes());
    }

    @Test
    void uninitializedReusesAnArrayWithoutClearingIt() throws Exception {
        BufferPool pool = new BufferPool();
        var in = ScopedValue.where(BufferPool.CURRENT, pool);
        Tensor first = in.call(() -> Tensor.zeros(DType.FLOAT32, Shape.of(4)));
        first.floatData()[2] = 5f;
        pool.release(first.data());
        Tensor dirty = in.call(() -> Tensor.uninitialized(DType.FLOAT32, Shape.of(2, 2)));
        assertSame(first.data(), dirty.data(), "reused");
        // Under -Dweft.poisonDirty=true (a test aid) a reused array comes back NaN-filled instead.
        float expected = Boolean.getBoolean("weft.poisonDirty") ? Float.NaN : 5f;
        assertEquals(expected, dirty.floatData()[2], "left as the last user wrote it: no zero fill");
        assertEquals(Shape.of(2, 2), dirty.shape());
        assertTrue(dirty.isContiguous());
        // A fresh array (nothing free of that length) is new, hence zero, and counted as allocated.
        Tensor fresh = in.call(() -> Tensor.uninitialized(DType.FLOAT64, Shape.of(3)));
        assertArrayEquals(new double[3], fresh.doubleData());
        assertEquals(16 + 24, pool.allocatedBytes());
        assertEquals(16, pool.reusedBytes());
    }

    @Test
    void aTensorReleasedWithItsArrayComesBackForItsOwnDtypeAndShape() throws Exception {
        BufferPool pool = new BufferPool();
        var in = ScopedValue.where(BufferPool.CURRENT, pool);
        Tensor first = in.call(() -> Tensor.uninitialized(DType.FLOAT32, Shape.of(2, 3)));
        pool.release(first);
        assertSame(first, in.call(() -> Tensor.uninitialized(DType.FLOAT32, Shape.of(2, 3))), "the same object, reused");
        pool.release(first);
        Tensor zeroed = in.call(() -> Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)));
        assertSame(first, zeroed);
        assertArrayEquals(new float[6], zeroed.floatData());
        pool.release(first);
        Tensor other = in.call(() -> Tensor.uninitialized(DType.FLOAT32, Shape.of(3, 2)));
        assertNotSame(first, other, "another shape gets a new tensor ...");
        assertSame(first.data(), other.data(), "... over the same array");
        pool.release(first.reshape(Shape.of(6)).slice(0, 1, 6, 1));
        Tensor fromView = in.call(() -> Tensor.uninitialized(DType.FLOAT32, Shape.of(6)));
        assertSame(first.data(), fromView.data(), "a released view gives back its whole array");
        assertEquals(0, fromView.offset());
        assertTrue(fromView.isContiguous());
    }

    @Test
    void uninitializedOutsideABindingIsANewZeroedArray() {
        Tensor t = Tensor.uninitialized(DType.INT64, Shape.of(2, 3));
        assertArrayEquals(new long[6], t.longData());
    }

    @Test
    void arraysOfManyLengthsAndKindsComeBackByKindAndLength() {
        BufferPool pool = new BufferPool();
        java.util.List<Object> arrays = new java.util.ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            arrays.add(new float[n]);
            arrays.add(new byte[n]);
        }
        for (Object a : arrays) pool.release(a);
        for (int n = 200; n >= 1; n--) {
            assertSame(arrays.get(2 * (n - 1)), pool.takeDirty(DType.FLOAT32, n));
            assertSame(arrays.get(2 * (n - 1) + 1), pool.takeDirty(DType.BOOL, n));
        }
        assertEquals(0, pool.allocatedBytes());
        assertNotSame(arrays.get(0), pool.take(DType.FLOAT32, 1), "each array is handed out once");
        pool.release(new float[0]);
        pool.release("not an array");
    }
}
