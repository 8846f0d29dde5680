package dev.vigil.sketches;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerformanceCheckTest {

    private final PerformanceCheck check = PerformanceCheck.defaults();
    private final ExpectedPerformance validation =
            ExpectedPerformance.fromValidation(Map.of("precision", 0.8, "recall", 0.7, "fpr", 0.01, "f1", 0.75));

    @Test
    void matchingValidationIsClean() {
        // precision 80/100 = 0.8, recall 80/114 = 0.70, fpr 20/2000 = 0.01
        PerformanceDrift drift = check.assess(new ConfusionCounts(80, 20, 1980, 34), validation);
        assertTrue(drift.assessed());
        assertEquals(Severity.NONE, drift.severity());
        assertEquals(0, drift.precisionDrop(), 1e-9);
    }

    @Test
    void recallDropIsGraded() {
        // recall 45/100 = 0.45: a drop of 0.25
        PerformanceDrift drift = check.assess(new ConfusionCounts(45, 11, 2000, 55), validation);
        assertEquals(0.25, drift.recallDrop(), 1e-9);
        assertEquals(Severity.HIGH, drift.severity());
        assertTrue(drift.reasons().stream().anyMatch(r -> r.startsWith("recall: HIGH")), drift.reasons().toString());
    }

    @Test
    void falsePositiveRateGrowthIsGraded() {
        // precision 80/140 = 0.57 (drop 0.23 -> HIGH), fpr 60/2000 = 0.03, three times the validation figure
        PerformanceDrift drift = check.assess(new ConfusionCounts(80, 60, 1940, 34), validation);
        assertEquals(3.0, drift.fprRatio(), 1e-9);
        assertEquals(Severity.HIGH, drift.severity());
        assertTrue(drift.reasons().stream().anyMatch(r -> r.startsWith("false-positive rate: HIGH")));
    }

    @Test
    void betterThanValidationIsNotDrift() {
        PerformanceDrift drift = check.assess(new ConfusionCounts(95, 2, 2000, 5), validation);
        assertEquals(Severity.NONE, drift.severity());
    }

    @Test
    void fewLabelsGiveNoDecision() {
        PerformanceDrift drift = check.assess(new ConfusionCounts(3, 1, 40, 10), validation);
        assertFalse(drift.assessed());
        assertEquals(Severity.NONE, drift.severity());
        assertTrue(drift.reasons().getFirst().contains("no decision"));
        assertTrue(Double.isNaN(drift.recallDrop()));
    }

    @Test
    void figuresMissingFromValidationAreSkipped() {
        PerformanceDrift drift = check.assess(new ConfusionCounts(10, 90, 2000, 5),
                ExpectedPerformance.fromValidation(Map.of("recall", 0.7)));
        assertTrue(drift.reasons().stream().anyMatch(r -> r.contains("precision: not in the validation figures")));
        assertTrue(Double.isNaN(drift.precisionDrop()));
    }
}
