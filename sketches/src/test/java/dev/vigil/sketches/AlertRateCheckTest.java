package dev.vigil.sketches;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRateCheckTest {

    private final AlertRateCheck check = AlertRateCheck.defaults();

    @Test
    void rateAtExpectationIsClean() {
        AlertRateChange change = check.assess(21, 2000, 0.01);
        assertTrue(change.assessed());
        assertEquals(Severity.NONE, change.severity());
        assertEquals(1.05, change.ratio(), 1e-9);
    }

    @Test
    void increaseIsGradedByRatio() {
        assertEquals(Severity.LOW, check.assess(32, 2000, 0.01).severity());
        assertEquals(Severity.MEDIUM, check.assess(45, 2000, 0.01).severity());
        AlertRateChange tripled = check.assess(65, 2000, 0.01);
        assertEquals(Severity.HIGH, tripled.severity());
        assertEquals(0.0325 - 0.01, tripled.difference(), 1e-12);
        assertEquals(2 * Math.asin(Math.sqrt(0.0325)) - 2 * Math.asin(Math.sqrt(0.01)), tripled.cohensH(), 1e-12);
        assertEquals(Severity.CRITICAL, check.assess(120, 2000, 0.01).severity());
    }

    @Test
    void aCollapseOfAlertsIsReportedButInformsOnly() {
        AlertRateChange silent = check.assess(0, 5000, 0.01);
        assertEquals(Severity.LOW, silent.severity(), "a fall never confirms drift on its own");
        assertTrue(silent.reasons().getFirst().contains("ratio 0.00"));
        assertTrue(silent.reasons().getFirst().contains("a fall informs only"));
        assertEquals(Severity.CRITICAL, check.assess(250, 5000, 0.01).severity(), "the same factor upwards counts in full");
    }

    @Test
    void tooFewExpectedAlertsGiveNoDecision() {
        AlertRateChange change = check.assess(5, 500, 0.01);
        assertFalse(change.assessed());
        assertEquals(Severity.NONE, change.severity());
        assertTrue(change.reasons().getFirst().contains("no decision"));
    }

    @Test
    void tinyAbsoluteChangesDoNotCount() {
        // ratio 2 but only 0.2 percentage points: below the 0.5 point minimum
        AlertRateChange change = check.assess(40, 10_000, 0.002);
        assertEquals(2.0, change.ratio(), 1e-9);
        assertEquals(Severity.NONE, change.severity());
    }

    @Test
    void rejectsImpossibleInput() {
        assertThrows(IllegalArgumentException.class, () -> check.assess(11, 10, 0.1));
        assertThrows(IllegalArgumentException.class, () -> check.assess(1, 10, 0));
    }
}
