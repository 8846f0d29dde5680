package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.bench.SyntheticData;
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
}
