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
        assertTrue(ScoreFusion.DEFAULT.anomalous(readings, combined));
        assertEquals(0.9 * 3 / 4 + 0.3 / 4, ScoreFusion.DEFAULT.combine(readings, d -> d.equals("a") ? 3.0 : 1.0), 1e-12);
    }

    @Test
    void aQuorumKeepsALoneDetectorFromDeciding() {
        ScoreFusion quorum = new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.5, 2);
        assertFalse(quorum.anomalous(List.of(Verdict.of("a", 0.9, true)), 0.9));
        assertTrue(quorum.anomalous(readings, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ScoreFusion(CombinationRule.MAX, 0.5, 0));
    }

    @Test
    void anAgreementQuorumNeedsThatManyDetectorsStandingOut() {
        ScoreFusion agreeing = new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.6, 2, 2);
        // One detector far past its threshold carries the weighted mean when it weighs the most, but stands alone.
        List<Verdict> lone = List.of(Verdict.of("forecaster", 0.78, true), Verdict.of("rules", 0.49, false),
                Verdict.of("isolation-forest", 0.44, false));
        double combined = agreeing.combine(lone, d -> d.equals("forecaster") ? 1.44 : 0.14);
        assertTrue(combined >= 0.6, "the learned weights alone would alert: " + combined);
        assertFalse(agreeing.anomalous(lone, combined));
        List<Verdict> two = List.of(Verdict.of("forecaster", 0.78, true), Verdict.of("rules", 0.56, true),
                Verdict.of("isolation-forest", 0.44, false));
        assertTrue(agreeing.anomalous(two, agreeing.combine(two, d -> d.equals("forecaster") ? 1.44 : 0.14)));
        assertFalse(agreeing.anomalous(two, 0.59), "and the combination still has to reach the threshold");
        assertTrue(agreeing.agreed(two), "below it, the agreement alone can keep an open incident going");
        assertFalse(agreeing.agreed(lone));
        List<Verdict> withSettling = List.of(Verdict.of("forecaster", 0.78, true), new Settling("adaptive"),
                Verdict.of("isolation-forest", 0.44, false));
        assertFalse(agreeing.anomalous(withSettling, 0.7), "a detector holding back its alarm does not agree a second time");
        assertThrows(IllegalArgumentException.class, () -> new ScoreFusion(CombinationRule.MAX, 0.5, 1, 0));
    }

    /** The adaptive detector after its alarm: stands out, holds the alarm back. */
    private record Settling(String detector) implements Verdict {
        @Override
        public double score() {
            return 0;
        }

        @Override
        public boolean anomalous() {
            return false;
        }

        @Override
        public boolean standsOut() {
            return true;
        }
    }
}
