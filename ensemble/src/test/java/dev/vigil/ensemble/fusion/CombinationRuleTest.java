package dev.vigil.ensemble.fusion;

import static dev.vigil.ensemble.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.ab.VariantSplit;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.models.fusion.CombinationRule;
import dev.vigil.models.fusion.ScoreFusion;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CombinationRuleTest {
    private static final String D = "bgp-peer";
    // Isolation forest sure (0.9), forecaster unsure (0.45), rules quiet (0.1).
    private final List<Reading> readings = List.of(reading(D, "isolation-forest", 0.9), reading(D, "forecaster", 0.45),
            reading(D, "rules", 0.1));
    private final Map<String, Double> weights = Map.of("isolation-forest", 3.0, "forecaster", 1.0, "rules", 1.0);

    @Test
    void weightedMeanIsTheWeightedAverageOfCalibratedScores() {
        double expected = (3 * 0.9 + 0.45 + 0.1) / 5;
        assertEquals(expected, CombinationRule.WEIGHTED_MEAN.combine(readings, weights::get), 1e-12);
        assertEquals((0.9 + 0.45 + 0.1) / 3, CombinationRule.WEIGHTED_MEAN.combine(readings, d -> 1.0), 1e-12);
    }

    @Test
    void weightedVoteIsTheWeightedShareOfAnomalousVerdicts() {
        assertEquals(3.0 / 5, CombinationRule.WEIGHTED_VOTE.combine(readings, weights::get), 1e-12);
        assertEquals(1.0 / 3, CombinationRule.WEIGHTED_VOTE.combine(readings, d -> 1.0), 1e-12);
    }

    @Test
    void maxTakesTheHighestScoreOfDetectorsWithAPositiveWeight() {
        assertEquals(0.9, CombinationRule.MAX.combine(readings, weights::get), 1e-12);
        assertEquals(0.45, CombinationRule.MAX.combine(readings, d -> d.equals("isolation-forest") ? 0.0 : 1.0), 1e-12);
    }

    @Test
    void aDetectorHoldingBackAnAlarmForItsOngoingEpisodeReadsAsItsThresholdNotAsNormal() {
        // The isolation forest flags a latency spike; the adaptive detector would alarm too, but it already alarmed in
        // this entity's episode and scores the window 0. Read at 0, it would outvote the forest.
        String s = "telemetry-service";
        Reading settling = new Reading("adaptive", s + ".adaptive", 1, 0.0, false, false, List.of(), true);
        Reading quietAdaptive = new Reading("adaptive", s + ".adaptive", 1, 0.0, false, false, List.of(), false);
        List<Reading> withSettling = List.of(reading(s, "isolation-forest", 0.7), reading(s, "rules", 0.49), settling);
        List<Reading> withQuiet = List.of(reading(s, "isolation-forest", 0.7), reading(s, "rules", 0.49), quietAdaptive);
        assertEquals((0.7 + 0.49 + 0.5) / 3, CombinationRule.WEIGHTED_MEAN.combine(withSettling, d -> 1.0), 1e-12);
        assertEquals((0.7 + 0.49 + 0.0) / 3, CombinationRule.WEIGHTED_MEAN.combine(withQuiet, d -> 1.0), 1e-12);
        assertEquals(2.0 / 3, CombinationRule.WEIGHTED_VOTE.combine(withSettling, d -> 1.0), 1e-12);
        assertEquals(1.0 / 3, CombinationRule.WEIGHTED_VOTE.combine(withQuiet, d -> 1.0), 1e-12);
        // It adds no alarm of its own: alone it reads as its threshold, not above it.
        assertEquals(0.5, CombinationRule.MAX.combine(List.of(settling), d -> 1.0), 1e-12);
        assertEquals(0.0, settling.score(), "the alert still shows the score the detector gave");
    }

    @Test
    void allZeroWeightsFallBackToEqualWeightsAndRulesParseFromTheirNames() {
        assertEquals((0.9 + 0.45 + 0.1) / 3, CombinationRule.WEIGHTED_MEAN.combine(readings, d -> 0.0), 1e-12);
        assertEquals(CombinationRule.WEIGHTED_VOTE, CombinationRule.parse("weighted-vote"));
        assertEquals(CombinationRule.MAX, CombinationRule.parse("MAX"));
        assertThrows(IllegalArgumentException.class, () -> CombinationRule.parse("median"));
    }

    @Test
    void shadowReadingsGiveTheChallengersVerdictButNeverTheAlertingOne() {
        // The champion is quiet; a staging isolation forest is sure.
        WindowScores scores = new WindowScores("peer:rrc04|AS513|192.0.2.1", D, Fixtures.start(0), Fixtures.end(0),
                List.of(reading(D, "isolation-forest", 0.2), reading(D, "rules", 0.3)),
                List.of(reading(D, "isolation-forest", 2, 0.99, true)), List.of());
        Fusion fusion = new Fusion(CombinationRule.WEIGHTED_MEAN, 0.5, new VariantSplit(1.0, "s"));
        Fused fused = fusion.fuse(scores, d -> 1.0);
        assertFalse(fused.anomalous());
        assertEquals(0.25, fused.combined(), 1e-12);
        assertEquals((0.99 + 0.3) / 2, fused.challengerCombined(), 1e-12);
        assertTrue(fused.challengerAnomalous());
        assertEquals("B", fused.variant());

        Fused noTrial = fusion.fuse(Fixtures.window("e", D, 0, 0.9), d -> 1.0);
        assertNull(noTrial.variant());
        assertTrue(noTrial.anomalous());
    }

    @Test
    void withAQuorumOfTwoAWindowOnlyOneDetectorScoredNeverAlerts() {
        Fusion quorum = new Fusion(CombinationRule.WEIGHTED_MEAN, 0.5, 2, null);
        assertFalse(quorum.fuse(Fixtures.window("e", D, 0, 0.9), d -> 1.0).anomalous(), "one detector alone at 0.9");
        WindowScores two = new WindowScores("e", D, Fixtures.start(0), Fixtures.end(0),
                List.of(reading(D, "isolation-forest", 0.8), reading(D, "rules", 0.9)), List.of(), List.of());
        assertTrue(quorum.fuse(two, d -> 1.0).anomalous());
        assertTrue(new Fusion(CombinationRule.WEIGHTED_MEAN, 0.5, null).fuse(Fixtures.window("e", D, 0, 0.9), d -> 1.0).anomalous(),
                "the default quorum of one");
    }

    @Test
    void withTwoAgreeingAWindowOnlyOneDetectorStandsOutOnNeverAlertsWhateverItWeighs() {
        Fusion agreeing = new Fusion(new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.6, 2, 2), null);
        WindowScores lone = new WindowScores("e", D, Fixtures.start(0), Fixtures.end(0),
                List.of(reading(D, "forecaster", 0.78), reading(D, "rules", 0.49), reading(D, "isolation-forest", 0.44)),
                List.of(), List.of());
        ToDoubleFunction<String> learned = d -> d.equals("forecaster") ? 1.44 : 0.14;
        Fused alone = agreeing.fuse(lone, learned);
        assertTrue(alone.combined() >= 0.6, "the weighted mean passes: " + alone.combined());
        assertFalse(alone.anomalous());
        WindowScores two = new WindowScores("e", D, Fixtures.start(0), Fixtures.end(0),
                List.of(reading(D, "forecaster", 0.78), reading(D, "rules", 0.56), reading(D, "isolation-forest", 0.44)),
                List.of(), List.of());
        assertTrue(agreeing.fuse(two, learned).anomalous());
    }
}
