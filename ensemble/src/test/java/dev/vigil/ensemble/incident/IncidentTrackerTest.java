package dev.vigil.ensemble.incident;

import static dev.vigil.ensemble.Fixtures.MINUTE;
import static dev.vigil.ensemble.Fixtures.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.Severity;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
    private static final String D = "telemetry-service";
    private static final String E = "service:checkout";
    private static final Severities SEVERITIES = Severities.parse("0.5,0.7,0.85,0.95");

    private final IncidentTracker tracker = new IncidentTracker(new Journal(new MapBackend()),
            new IncidentTracker.Settings(Duration.ofMinutes(3), Duration.ofMinutes(10), Severity.CRITICAL, Clocks.EVENT), SEVERITIES);

    private static IncidentTracker.Observation at(int minute, double score) {
        var scores = Fixtures.window(E, D, minute, score);
        Fused fused = new Fused(scores, score, true, "weighted-mean", null, null, null);
        return new IncidentTracker.Observation(D, E, E, fused, List.of(E), false, List.of(), score);
    }

    @Test
    void consecutiveWindowsUpdateOneIncidentWithTheSameIdUntilItClosesAfterTheQuietPeriod() {
        Incident opened = tracker.observe(at(0, 0.6), 0).changed().getFirst();
        assertEquals(AlertStatus.OPEN, opened.status());
        assertEquals(Incident.idOf(D, E, Fixtures.start(0)), opened.alertId());

        tracker.observe(at(1, 0.9), 0);
        Incident updated = tracker.observe(at(3, 0.7), 0).changed().getFirst();
        assertEquals(AlertStatus.UPDATED, updated.status());
        assertEquals(opened.alertId(), updated.alertId());
        assertEquals(3, updated.windowCount());
        assertEquals(Fixtures.start(0), updated.firstWindowStart());
        assertEquals(end(3), updated.lastWindowEnd());
        assertEquals(0.9, updated.peakScore(), "severity never falls while the incident is open");

        assertTrue(tracker.closeQuiet(D, end(3) + 3 * MINUTE - 1, 0).isEmpty());
        Incident closed = tracker.closeQuiet(D, end(3) + 3 * MINUTE, 0).getFirst();
        assertEquals(AlertStatus.CLOSED, closed.status());
        assertEquals(opened.alertId(), closed.alertId());
    }

    private static IncidentTracker.Observation group(int minute, double score, List<String> entities) {
        Fused fused = new Fused(Fixtures.window(entities.getFirst(), D, minute, score), score, true, "weighted-mean", null, null, null);
        return new IncidentTracker.Observation(D, Incident.CORRELATED, Incident.CORRELATED + ":" + D, fused, entities, true,
                List.of(), score);
    }

    @Test
    void aCorrelatedEventGrowsOutOfTheOpenIncidentOfTheEntityItReachedFirst() {
        Incident own = tracker.observe(at(0, 0.7), 0).changed().getFirst();
        Incident grown = tracker.observe(group(2, 0.8, List.of(E, "service:search")), 0).changed().getFirst();
        assertEquals(own.alertId(), grown.alertId(), "one event, one incident");
        assertEquals(AlertStatus.UPDATED, grown.status());
        assertEquals(Incident.CORRELATED, grown.key());
        assertTrue(grown.correlated());
        assertEquals(Fixtures.start(0), grown.firstWindowStart());
        assertEquals(2, grown.windowCount());
        assertEquals(List.of(E, "service:search"), grown.entities());
        assertEquals(grown, tracker.current(D, Incident.CORRELATED));
        assertEquals(AlertStatus.CLOSED, tracker.current(D, E).status(), "kept closed for the entity's cooldown");
        // The entity alone later, within its cooldown, raises nothing of its own.
        assertEquals(IncidentTracker.COOLDOWN, tracker.observe(at(4, 0.7), 0).suppressedBy());

        // Once the group has closed, a later group with no entity incident going on opens afresh.
        tracker.closeQuiet(D, end(2) + 3 * MINUTE, 0);
        Incident later = tracker.observe(group(40, 0.8, List.of("service:cart", "service:login")), 0).changed().getFirst();
        assertEquals(AlertStatus.OPEN, later.status());
        assertNotEquals(own.alertId(), later.alertId());
    }

    @Test
    void anEntityIncidentPastItsQuietPeriodDoesNotBecomeTheGroups() {
        Incident own = tracker.observe(at(0, 0.7), 0).changed().getFirst();
        Incident group = tracker.observe(group(5, 0.8, List.of(E, "service:search")), 0).changed().getFirst();
        assertEquals(AlertStatus.OPEN, group.status());
        assertNotEquals(own.alertId(), group.alertId());
    }

    @Test
    void aDomainWithAConfirmationOpensOnlyOnceEnoughRecentWindowsAreAnomalousAndForgetsStaleOnes() {
        IncidentTracker confirming = new IncidentTracker(new Journal(new MapBackend()), new IncidentTracker.Settings(Duration.ofMinutes(3),
                Duration.ofMinutes(10), Severity.CRITICAL, Clocks.EVENT, java.util.Map.of(D, new IncidentTracker.DomainRules(
                new dev.vigil.models.fusion.Confirmation(3, 5), Duration.ofMinutes(3), Duration.ofMinutes(10)))),
                SEVERITIES);
        // Isolated anomalous minutes, three apart, never open an incident.
        for (int minute = 0; minute < 30; minute += 3) {
            IncidentTracker.Outcome outcome = confirming.observe(at(minute, 0.99), 0);
            assertEquals(IncidentTracker.UNCONFIRMED, outcome.suppressedBy(), "minute " + minute);
            assertTrue(outcome.changed().isEmpty());
        }
        assertEquals(IncidentTracker.UNCONFIRMED, confirming.observe(at(40, 0.8), 0).suppressedBy());
        assertEquals(IncidentTracker.UNCONFIRMED, confirming.observe(at(41, 0.8), 0).suppressedBy());
        Incident opened = confirming.observe(at(43, 0.8), 0).changed().getFirst();
        assertEquals(AlertStatus.OPEN, opened.status());
        assertEquals(Fixtures.start(43), opened.firstWindowStart());
        assertEquals(AlertStatus.UPDATED, confirming.observe(at(44, 0.8), 0).changed().getFirst().status());
        // Another domain keeps opening on its first anomalous window.
        var other = Fixtures.window(E, "telemetry-metric", 50, 0.9);
        var observation = new IncidentTracker.Observation("telemetry-metric", E, E,
                new Fused(other, 0.9, true, "weighted-mean", null, null, null), List.of(E), false, List.of(), 0.9);
        assertEquals(AlertStatus.OPEN, confirming.observe(observation, 0).changed().getFirst().status());
    }

    @Test
    void afterACloseTheEntityIsInCooldownUnlessTheNewWindowIsCritical() {
        tracker.observe(at(0, 0.6), 0);
        tracker.closeQuiet(D, end(0) + 3 * MINUTE, 0);
        // Cooldown until end(0) + 3 min quiet + 10 min cooldown = start of minute 14.
        var suppressed = tracker.observe(at(5, 0.8), 0);
        assertEquals(IncidentTracker.COOLDOWN, suppressed.suppressedBy());
        assertTrue(suppressed.changed().isEmpty());

        var bypass = tracker.observe(at(6, 0.97), 0);
        assertNull(bypass.suppressedBy());
        assertEquals(AlertStatus.OPEN, bypass.changed().getFirst().status());
    }

    @Test
    void aWindowFromBeforeTheCooldownsEndJudgedAfterTheDomainClockPassedItIsStillInCooldown() {
        tracker.observe(at(0, 0.6), 0);
        tracker.closeQuiet(D, end(0) + 3 * MINUTE, 0);
        // Another entity's window moved the domain clock past the cooldown's end (minute 14) before this one's was judged.
        tracker.closeQuiet(D, end(20), 0);
        assertEquals(IncidentTracker.COOLDOWN, tracker.observe(at(13, 0.8), 0).suppressedBy());
        assertEquals(AlertStatus.OPEN, tracker.observe(at(14, 0.8), 0).changed().getFirst().status());
    }

    @Test
    void aClosedIncidentIsForgottenADayAfterItsCooldown() {
        tracker.observe(at(0, 0.6), 0);
        tracker.closeQuiet(D, end(0) + 3 * MINUTE, 0);
        long cooldownEnd = end(0) + 13 * MINUTE;
        tracker.closeQuiet(D, cooldownEnd + IncidentTracker.KEEP_AFTER_COOLDOWN.toMillis() - 1, 0);
        assertEquals(AlertStatus.CLOSED, tracker.current(D, E).status());
        tracker.closeQuiet(D, cooldownEnd + IncidentTracker.KEEP_AFTER_COOLDOWN.toMillis(), 0);
        assertNull(tracker.current(D, E));
    }

    @Test
    void aWindowAfterTheCooldownOpensANewIncidentWithANewId() {
        String first = tracker.observe(at(0, 0.6), 0).changed().getFirst().alertId();
        tracker.closeQuiet(D, end(0) + 3 * MINUTE, 0);
        Incident second = tracker.observe(at(14, 0.6), 0).changed().getFirst();
        assertEquals(AlertStatus.OPEN, second.status());
        assertNotEquals(first, second.alertId());
    }

    @Test
    void anOverdueCloseIsPublishedBeforeTheNextIncidentWhenNoTickRanInBetween() {
        tracker.observe(at(0, 0.6), 0);
        var outcome = tracker.observe(at(20, 0.6), 0);
        assertEquals(List.of(AlertStatus.CLOSED, AlertStatus.OPEN), outcome.changed().stream().map(Incident::status).toList());
    }

    @Test
    void onTheWallClockAnIncidentClosesWhenNothingHappenedForTheQuietPeriod() {
        IncidentTracker wall = new IncidentTracker(new Journal(new MapBackend()),
                new IncidentTracker.Settings(Duration.ofMinutes(3), Duration.ofMinutes(10), Severity.CRITICAL, Clocks.WALL), SEVERITIES);
        wall.observe(at(0, 0.6), 1_000);
        assertTrue(wall.closeQuiet(D, end(100), 1_000 + 3 * MINUTE - 1).isEmpty(), "event time is not used");
        assertEquals(1, wall.closeQuiet(D, 0, 1_000 + 3 * MINUTE).size());
    }
}
