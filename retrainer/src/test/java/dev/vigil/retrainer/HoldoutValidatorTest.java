package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutValidatorTest {
    final SyntheticData generator = new SyntheticData(8, 3);
    final TrainingSet train = generator.generate(10, 100, 0.0, 1);
    final AnomalyModel model = Trainers.train("rules", train, Map.of());

    @Test
    void aHoldoutLikeTheTrainingDataIsSaneAndLabelMetricsComeFromItsLabels() {
        TrainingSet holdout = generator.generate(10, 50, 0.05, 2);
        ValidationReport report = new HoldoutValidator(5.0).validate(model, model, holdout);
        assertTrue(report.sanityProblems().isEmpty(), report.sanityProblems().toString());
        assertTrue(report.labelled());
        assertTrue(report.candidate().prAuc() > 0.5, "injected anomalies rank above normal windows");
        assertEquals(report.candidate().prAuc(), report.production().prAuc(), 1e-12, "the same model scores the same");
        assertEquals(1.0, report.asMap().get("sane"));
        assertTrue(report.asMap().containsKey("production_pr_auc"));
    }

    @Test
    void aThresholdThatAlertsOnMuchOfANormalHoldoutIsInsane() {
        // The holdout comes from a shifted process: every feature moved far from what the model learnt.
        TrainingSet shifted = new SyntheticData(8, 99).generate(10, 50, 0.0, 2);
        ValidationReport report = new HoldoutValidator(5.0).validate(model, null, shifted);
        assertFalse(report.sanityProblems().isEmpty());
        assertTrue(report.sanityProblems().getFirst().contains("alert rate"), report.sanityProblems().toString());
        assertNull(report.production());
        assertFalse(report.labelled(), "a holdout without anomalies cannot give label metrics");
    }

    @Test
    void aFewAlertsInASmallHoldoutAreSamplingNoiseNotAnInsaneThreshold() {
        // 3 alerts in 170 normal windows is 1.8 %, above 3 x a 0.5 % target, but a sane threshold does that in
        // one holdout of 18; 6 alerts happen once in a few thousand holdouts.
        HoldoutValidator.NormalAlerts three = new HoldoutValidator.NormalAlerts(170, 3);
        HoldoutValidator.NormalAlerts six = new HoldoutValidator.NormalAlerts(170, 6);
        assertEquals(0.055, three.chanceAt(0.005), 0.002);
        assertTrue(three.chanceAt(0.005) > HoldoutValidator.CHANCE_LEVEL);
        assertTrue(six.chanceAt(0.005) < 0.001, "chance " + six.chanceAt(0.005));
        assertEquals(1, new HoldoutValidator.NormalAlerts(170, 0).chanceAt(0.005));
        // A large holdout leaves no room for chance: 1.6 % of 10,000 windows is far beyond a 0.5 % target.
        assertTrue(new HoldoutValidator.NormalAlerts(10_000, 160).chanceAt(0.005) < 1e-12);
    }
}
