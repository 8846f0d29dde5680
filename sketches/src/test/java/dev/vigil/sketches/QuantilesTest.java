package dev.vigil.sketches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void theValueOfRankFloorPTimesN() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1, Quantiles.ofSorted(sorted, 0));
        assertEquals(6, Quantiles.ofSorted(sorted, 0.5), "upper median of an even count");
        assertEquals(10, Quantiles.ofSorted(sorted, 0.99));
        assertEquals(10, Quantiles.ofSorted(sorted, 1));
        assertEquals(3, Quantiles.ofSorted(sorted, 0.25));
        assertEquals(2, Quantiles.ofSorted(new double[] {1, 2, 3}, 0.5), "the median of an odd count");
    }

    @Test
    void unsortedValuesAreCopiedAndEmptyOnesGiveNaN() {
        double[] values = {5, 1, 4, 2, 3};
        assertEquals(3, Quantiles.of(values, 0.5));
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, values, "the caller's array is left as it was");
        assertTrue(Double.isNaN(Quantiles.of(new double[0], 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(values, 1.5));
    }
}
