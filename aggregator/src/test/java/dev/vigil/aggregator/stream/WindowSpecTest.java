package dev.vigil.aggregator.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowSpecTest {

    @Test
    void tumblingAndHoppingWindowStarts() {
        WindowSpec tumbling = new WindowSpec(60_000, 60_000, 30_000);
        assertArrayEquals(new long[] {60_000}, tumbling.starts(60_000));
        assertArrayEquals(new long[] {0}, tumbling.starts(59_999));
        assertArrayEquals(new long[] {-60_000}, tumbling.starts(-1));
        WindowSpec hopping = new WindowSpec(60_000, 20_000, 0);
        assertArrayEquals(new long[] {0, 20_000, 40_000}, hopping.starts(45_000));
        assertArrayEquals(new long[] {-20_000, 0, 20_000}, hopping.starts(20_000 + 19_999));
    }

    @Test
    void windowsCloseAtEndPlusGrace() {
        WindowSpec w = new WindowSpec(60_000, 60_000, 30_000);
        assertFalse(w.closed(0, 89_999));
        assertTrue(w.closed(0, 90_000));
        assertEquals(0, w.lastClosedStart(90_000));
        assertEquals(-60_000, w.lastClosedStart(89_999));
        assertFalse(w.closed(0, Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(60_000, 90_000, 0));
    }
}
