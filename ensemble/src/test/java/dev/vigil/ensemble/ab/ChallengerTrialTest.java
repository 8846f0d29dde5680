package dev.vigil.ensemble.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.model.WindowScores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengerTrialTest {
    private static ChallengerTrial run(ChallengerTrial trial, Variant arm, int correct, int wrong) {
        for (int i = 0; i < correct; i++) {
            trial = trial.count(arm, true);
        }
        for (int i = 0; i < wrong; i++) {
            trial = trial.count(arm, false);
        }
        return trial;
    }

    @Test
    void noDecisionBeforeEachArmHasTheMinimumOfLabels() {
        ChallengerTrial trial = run(run(ChallengerTrial.start("k"), Variant.A, 10, 19), Variant.B, 30, 0);
        assertTrue(trial.decide(30, 0.05).isEmpty(), "A has 29 labels");
        assertTrue(run(trial, Variant.A, 1, 0).decide(30, 0.05).isPresent());
    }

    @Test
    void aSignificantlyBetterChallengerWinsAndAnInsignificantDifferenceDecidesNothing() {
        ChallengerTrial close = run(run(ChallengerTrial.start("k"), Variant.A, 40, 10), Variant.B, 42, 8);
        assertTrue(close.decide(30, 0.05).isEmpty());

        ChallengerTrial clear = run(run(ChallengerTrial.start("k"), Variant.A, 30, 20), Variant.B, 47, 3);
        ChallengerTrial.Decision d = clear.decide(30, 0.05).orElseThrow();
        assertEquals(Variant.B, d.winner());
        assertEquals(0.6, d.championAccuracy(), 1e-12);
        assertEquals(0.94, d.challengerAccuracy(), 1e-12);
        assertTrue(d.pValue() < 0.001, "p " + d.pValue());
        assertTrue(clear.decided(Variant.B).decide(30, 0.05).isEmpty(), "decided once");

        ChallengerTrial worse = run(run(ChallengerTrial.start("k"), Variant.A, 47, 3), Variant.B, 30, 20);
        assertEquals(Variant.A, worse.decide(30, 0.05).orElseThrow().winner());
    }

    @Test
    void theWinnerAsksForPromotionOfEachChallengerModelWithADeterministicId() {
        String d = "bgp-peer";
        WindowScores window = new WindowScores("peer:rrc04|AS513|192.0.2.1", d, Fixtures.start(0), Fixtures.end(0),
                List.of(Fixtures.reading(d, "isolation-forest", 3, 0.2, false), Fixtures.reading(d, "rules", 1, 0.3, false)),
                List.of(Fixtures.reading(d, "isolation-forest", 4, 0.9, true)), List.of());
        assertEquals("bgp-peer.isolation-forest:v3,bgp-peer.rules:v1 vs bgp-peer.isolation-forest:v4", ChallengerTrial.keyOf(window));
        var decision = new ChallengerTrial.Decision(Variant.B, 0.001, "chi-square", 0.6, 0.94, 50, 50);
        List<RetrainRequest> requests = PromotionRequests.forWinner(window, decision, Instant.EPOCH);
        assertEquals(1, requests.size());
        RetrainRequest r = requests.getFirst();
        assertEquals("promote:bgp-peer.isolation-forest:v4", r.getRequestId());
        assertEquals("bgp-peer.isolation-forest", r.getModel());
        assertEquals(PromotionRequests.REASON, r.getReasons().getFirst());
        assertEquals(4.0, r.getDriftFigures().get("ab.challenger.version"));
        assertEquals(3.0, r.getDriftFigures().get("ab.champion.version"));
        assertEquals("ensemble", r.getRequester());
    }
}
