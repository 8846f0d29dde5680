package dev.vigil.sketches;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistenceTrackerTest {

    @Test
    void confirmsAfterTwoConsecutiveWindowsByDefault() {
        PersistenceTracker tracker = new PersistenceTracker();
        Persistence first = tracker.observe(Severity.MEDIUM, true);
        assertFalse(first.confirmed());
        assertEquals(1, first.consecutiveWindows());
        Persistence second = tracker.observe(Severity.HIGH, true);
        assertTrue(second.confirmed());
        assertEquals(2, second.consecutiveWindows());
        assertTrue(second.reasons().getFirst().contains("confirmed"));
        assertTrue(tracker.observe(Severity.CRITICAL, true).confirmed(), "stays confirmed while drift lasts");
    }

    @Test
    void cleanWindowResets() {
        PersistenceTracker tracker = new PersistenceTracker();
        tracker.observe(Severity.MEDIUM, true);
        Persistence clean = tracker.observe(Severity.LOW, true);
        assertEquals(0, clean.consecutiveWindows());
        assertTrue(clean.reasons().getFirst().contains("reset"));
        assertFalse(tracker.observe(Severity.MEDIUM, true).confirmed());
    }

    @Test
    void windowWithoutDecisionNeitherCountsNorResets() {
        PersistenceTracker tracker = new PersistenceTracker();
        tracker.observe(Severity.HIGH, true);
        Persistence gap = tracker.observe(Severity.NONE, false);
        assertEquals(1, gap.consecutiveWindows());
        assertFalse(gap.confirmed());
        assertTrue(tracker.observe(Severity.HIGH, true).confirmed());
    }

    @Test
    void requiredWindowsAndSeverityAreConfigurable() {
        PersistenceTracker tracker = new PersistenceTracker(3, Severity.HIGH);
        assertFalse(tracker.observe(Severity.HIGH, true).confirmed());
        assertFalse(tracker.observe(Severity.HIGH, true).confirmed());
        assertTrue(tracker.observe(Severity.HIGH, true).confirmed());
        assertEquals(0, tracker.observe(Severity.MEDIUM, true).consecutiveWindows(), "MEDIUM is clean here");
        assertThrows(IllegalArgumentException.class, () -> new PersistenceTracker(0, Severity.LOW));
        assertThrows(IllegalArgumentException.class, () -> new PersistenceTracker(2, Severity.NONE));
    }

    @Test
    void countCanBeRestoredAndReset() {
        PersistenceTracker tracker = new PersistenceTracker();
        tracker.restore(1);
        assertTrue(tracker.observe(Severity.MEDIUM, true).confirmed());
        tracker.reset();
        assertEquals(0, tracker.consecutive());
        assertFalse(tracker.observe(Severity.MEDIUM, true).confirmed());
    }
}
