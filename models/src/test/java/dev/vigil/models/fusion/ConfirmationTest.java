package dev.vigil.models.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfirmationTest {
    private static final long MINUTE = 60_000;

    @Test
    void threeAnomalousWindowsAmongTheLastFiveConfirm() {
        Confirmation c = Confirmation.parse("3/5");
        long[] state = c.remember(new long[0], 0, MINUTE);
        assertFalse(c.confirmed(state));
        state = c.remember(state, 2 * MINUTE, MINUTE);
        assertFalse(c.confirmed(state));
        state = c.remember(state, 4 * MINUTE, MINUTE); // minutes 0, 2 and 4 are within the last five
        assertTrue(c.confirmed(state));
    }

    @Test
    void anomalousWindowsFurtherApartNeverConfirm() {
        Confirmation c = new Confirmation(3, 5);
        long[] state = new long[0];
        for (long minute = 0; minute < 60; minute += 3) {
            state = c.remember(state, minute * MINUTE, MINUTE);
            assertFalse(c.confirmed(state), "minute " + minute);
        }
        assertArrayEquals(new long[] {54 * MINUTE, 57 * MINUTE}, state); // only the windows still in reach are kept
    }

    @Test
    void firstOpensOnOneWindowAndARepeatedWindowCountsOnce() {
        assertTrue(Confirmation.FIRST.confirmed(Confirmation.FIRST.remember(new long[0], 5, MINUTE)));
        Confirmation c = new Confirmation(2, 5);
        assertFalse(c.confirmed(c.remember(c.remember(new long[0], 0, MINUTE), 0, MINUTE)));
        assertEquals("2/5", c.label());
    }

    @Test
    void badSettingsAreRefusedWithTheExpectedForm() {
        assertThrows(IllegalArgumentException.class, () -> Confirmation.parse("3"));
        assertThrows(IllegalArgumentException.class, () -> Confirmation.parse("5/3"));
        assertThrows(IllegalArgumentException.class, () -> Confirmation.parse("a/b"));
    }
}
