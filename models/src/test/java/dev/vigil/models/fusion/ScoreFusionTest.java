package dev.vigil.models.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {
    private final List<Verdict> readings = List.of(Verdict.of("a", 0.9, true), Verdict.of("b", 0.3, false));

    @Test
    void theDefaultIsTheEnsemblesWeightedMeanAtOneHalf() {
        double combined = ScoreFusion.DEFAULT.combine(readings, d -> 1.0);
        assertEquals(0.6, combined, 1e-12);
        assertTrue(ScoreFusion.DEFAULT.anomalous(readings.size(), combined));
        assertEquals(0.9 * 3 / 4 + 0.3 / 4, ScoreFusion.DEFAULT.combine(readings, d -> d.equals("a") ? 3.0 : 1.0), 1e-12);
    }

    @Test
    void aQuorumKeepsALoneDetectorFromDeciding() {
        ScoreFusion quorum = new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.5, 2);
        assertFalse(quorum.anomalous(1, 0.9));
        assertTrue(quorum.anomalous(2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ScoreFusion(CombinationRule.MAX, 0.5, 0));
    }
}
