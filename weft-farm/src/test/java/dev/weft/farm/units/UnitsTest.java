package dev.weft.farm.units;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms", "x"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10", "x"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m", "x"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s", "x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("ten", "--timeout")).getMessage().startsWith("--timeout"));
        assertEquals("4m05s", Durations.format(Duration.ofSeconds(245)));
    }

    @Test
    void sizes() {
        assertEquals(2L << 30, ByteSizes.parse("2G", "x"));
        assertEquals(512L << 20, ByteSizes.parse("512MiB", "x"));
        assertEquals(4096, ByteSizes.parse("4096", "x"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("lots", "--memfree"));
    }
}
