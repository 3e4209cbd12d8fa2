package dev.weft.tensor.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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
}
