package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test
    void cutFallsMidwayBelowTheBestF1Prefix() {
        double[] scores = {0.2, 0.9, 0.7, 0.8};
        boolean[] anomalous = {false, true, false, true};
        assertEquals(0.75, Thresholds.bestF1Cut(scores, anomalous), 1e-12);
        assertArrayEquals(anomalous, Thresholds.flags(scores, 0.75));
    }

    @Test
    void tiedScoresAreNeverSplit() {
        // Flagging both 0.9s (F1 2/3) beats flagging all three (F1 1/2); one 0.9 alone cannot be flagged.
        double cut = Thresholds.bestF1Cut(new double[] {0.9, 0.9, 0.1}, new boolean[] {true, false, false});
        assertEquals(0.5, cut, 1e-12);
    }

    @Test
    void flaggingEverythingKeepsTheLowestScoreAboveTheCut() {
        double cut = Thresholds.bestF1Cut(new double[] {0.3, 0.4}, new boolean[] {true, true});
        assertTrue(cut < 0.3 && cut > 0.29, "cut " + cut);
    }

    @Test
    void noAnomalousWindowGivesNoCut() {
        assertTrue(Double.isNaN(Thresholds.bestF1Cut(new double[] {0.3, 0.4}, new boolean[2])));
    }
}
