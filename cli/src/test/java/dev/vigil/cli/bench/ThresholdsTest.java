package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test
    void scoresAboveTheCutAreFlagged() {
        assertArrayEquals(new boolean[] {false, true, false, true}, Thresholds.flags(new double[] {0.2, 0.9, 0.7, 0.8}, 0.75));
    }
}
