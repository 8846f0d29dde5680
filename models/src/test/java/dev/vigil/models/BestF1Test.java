package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BestF1Test {
    @Test
    void cutFallsMidwayBelowTheBestF1Prefix() {
        assertEquals(0.75, BestF1.cut(new double[] {0.2, 0.9, 0.7, 0.8}, new boolean[] {false, true, false, true}), 1e-12);
    }

    @Test
    void tiedScoresAreNeverSplit() {
        // Flagging both 0.9s (F1 2/3) beats flagging all three (F1 1/2); one 0.9 alone cannot be flagged.
        assertEquals(0.5, BestF1.cut(new double[] {0.9, 0.9, 0.1}, new boolean[] {true, false, false}), 1e-12);
    }

    @Test
    void flaggingEverythingKeepsTheLowestScoreAboveTheCutOrGoesMidwayToTheFloor() {
        double cut = BestF1.cut(new double[] {0.3, 0.4}, new boolean[] {true, true});
        assertTrue(cut < 0.3 && cut > 0.29, "cut " + cut);
        assertEquals(0.15, BestF1.cut(new double[] {0.3, 0.4}, new boolean[] {true, true}, 0.0), 1e-12);
    }

    @Test
    void noAnomalousRowGivesNoCut() {
        assertTrue(Double.isNaN(BestF1.cut(new double[] {0.3, 0.4}, new boolean[2])));
    }
}
