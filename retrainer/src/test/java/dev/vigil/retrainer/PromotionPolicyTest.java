package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.models.ValidationMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {
    static ValidationMetrics metrics(double prAuc, double f1) {
        return new ValidationMetrics(1000, 200, 20, 0.8, 0.7, f1, 0.01, prAuc, 0.95, 0.012);
    }

    static ValidationReport labelled(ValidationMetrics candidate, ValidationMetrics production) {
        return new ValidationReport(candidate, production, true, List.of(), 1.0, 0.2, 0.6);
    }

    final PromotionPolicy shadow = new PromotionPolicy(RetrainerSettings.Promotion.SHADOW, 0.02, Duration.ofHours(1));
    final PromotionPolicy direct = new PromotionPolicy(RetrainerSettings.Promotion.DIRECT, 0.02, Duration.ofHours(1));
    final PromotionPolicy manual = new PromotionPolicy(RetrainerSettings.Promotion.MANUAL, 0.02, Duration.ofHours(1));

    @Test
    void aCandidateWorseThanProductionOnLabelsStaysACandidateAndSaysWhy() {
        PromotionDecision d = shadow.decide(labelled(metrics(0.60, 0.7), metrics(0.70, 0.7)), true);
        assertEquals(ModelStage.CANDIDATE, d.stage());
        assertTrue(d.reason().contains("PR-AUC 0.600 is below production's 0.700"), d.reason());

        PromotionDecision f1 = direct.decide(labelled(metrics(0.70, 0.5), metrics(0.70, 0.7)), true);
        assertEquals(ModelStage.CANDIDATE, f1.stage());
        assertTrue(f1.reason().contains("F1"), f1.reason());
    }

    @Test
    void aCandidateWithinToleranceGoesToShadowOrProductionAsConfigured() {
        ValidationReport nearlyAsGood = labelled(metrics(0.69, 0.69), metrics(0.70, 0.70));
        PromotionDecision staged = shadow.decide(nearlyAsGood, true);
        assertEquals(ModelStage.STAGING, staged.stage());
        assertTrue(staged.reason().contains("shadow scoring for PT1H"), staged.reason());
        assertEquals(ModelStage.PRODUCTION, direct.decide(nearlyAsGood, true).stage());
        assertEquals(ModelStage.CANDIDATE, manual.decide(nearlyAsGood, true).stage());
    }

    @Test
    void anInsaneScoreDistributionIsNeverPromoted() {
        ValidationReport insane = new ValidationReport(metrics(0.9, 0.9), null, false,
                List.of("alert rate 0.2000 on normal holdout windows exceeds 0.0300"), 1.0, 0.5, 0.9);
        PromotionDecision d = direct.decide(insane, false);
        assertEquals(ModelStage.CANDIDATE, d.stage());
        assertTrue(d.reason().contains("alert rate"), d.reason());
    }

    @Test
    void aFirstVersionGoesToProductionUnlessPromotionIsManual() {
        ValidationReport unlabelled = new ValidationReport(metrics(Double.NaN, Double.NaN), null, false, List.of(), 1.0, 0.2, 0.5);
        PromotionDecision d = shadow.decide(unlabelled, false);
        assertEquals(ModelStage.PRODUCTION, d.stage());
        assertTrue(d.reason().contains("first version") && d.reason().contains("alert rate 0.0120"), d.reason());
        assertEquals(ModelStage.CANDIDATE, manual.decide(unlabelled, false).stage());
    }

    @Test
    void withoutLabelsProductionCannotBeOutscoredSoSanityDecides() {
        ValidationReport unlabelled = new ValidationReport(metrics(Double.NaN, Double.NaN), metrics(0.9, 0.9), false,
                List.of(), 1.0, 0.2, 0.5);
        assertEquals(ModelStage.PRODUCTION, direct.decide(unlabelled, true).stage());
    }
}
