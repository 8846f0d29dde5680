package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.Severity;
import dev.vigil.ensemble.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incident merging, closing, cooldown, the ignore list and correlation, through the real topology. */
class IncidentTopologyTest {
    private static final String PEERS = "bgp-peer";
    private static final String SVC = "telemetry-service";

    @TempDir
    Path stateDir;

    private EnsembleDriver driver(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "vigil.ensemble.detectors.telemetry-service", "isolation-forest,forecaster,rules",
                "vigil.ensemble.detectors.bgp-peer", "isolation-forest,forecaster,rules",
                "vigil.ensemble.incident.quiet", "3m",
                "vigil.ensemble.cooldown", "10m",
                "vigil.ensemble.correlation.min.entities", "5",
                // These tests are about the other incident rules: peers follow the same rules as services here.
                "vigil.ensemble.incident.confirm.bgp-peer", "1/1",
                "vigil.ensemble.incident.quiet.bgp-peer", "3m",
                "vigil.ensemble.cooldown.bgp-peer", "10m"));
        settings.putAll(extra);
        return new EnsembleDriver(stateDir, settings);
    }

    private static String peer(int i) {
        return "peer:rrc04|AS" + (64501 + i) + "|192.0.2." + i;
    }

    /** One window of minute m for a service: anomalous (0.9) or normal (0.1) on all three detectors. */
    private static void service(EnsembleDriver d, String entity, int minute, boolean anomalous) {
        double s = anomalous ? 0.9 : 0.1;
        d.window(entity, SVC, minute, s, s, s);
    }

    @Test
    void consecutiveAnomalousWindowsUpdateOneIncidentKeyedByItsIdWhichClosesAfterTheQuietPeriod() {
        try (EnsembleDriver d = driver(Map.of())) {
            for (int m = 0; m < 3; m++) {
                service(d, "service:checkout", m, true);
            }
            for (int m = 3; m < 9; m++) {
                service(d, "service:checkout", m, false);
            }
            var records = d.alertRecords();
            List<AlertStatus> statuses = records.stream().map(r -> r.value().getStatus()).toList();
            assertEquals(List.of(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.UPDATED, AlertStatus.CLOSED), statuses);
            String id = records.getFirst().value().getAlertId();
            assertTrue(records.stream().allMatch(r -> r.key().equals(id) && r.value().getAlertId().equals(id)),
                    "one incident, keyed by its id, so each update replaces the last");
            Alert closed = records.getLast().value();
            assertEquals(3, closed.getWindowCount());
            assertEquals(Fixtures.start(0), closed.getFirstWindowStart().toEpochMilli());
            assertEquals(Fixtures.end(2), closed.getLastWindowEnd().toEpochMilli());
        }
    }

    @Test
    void aQuietPeriodEndsTheIncidentOnTheWallClockWhenNoMoreWindowsArrive() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.incident.clock", "both"))) {
            service(d, "service:checkout", 0, true);
            assertTrue(d.alerts().isEmpty(), "held for the 10 s correlation hold");
            d.advanceWallClock(Duration.ofSeconds(10));
            assertEquals(AlertStatus.OPEN, d.alerts().getFirst().getStatus());
            d.advanceWallClock(Duration.ofMinutes(2));
            assertTrue(d.alerts().isEmpty());
            d.advanceWallClock(Duration.ofMinutes(1).plusSeconds(1));
            assertEquals(AlertStatus.CLOSED, d.alerts().getFirst().getStatus());
        }
    }

    @Test
    void afterAnIncidentClosesTheEntityCoolsDownThenANewIncidentGetsANewId() {
        try (EnsembleDriver d = driver(Map.of())) {
            service(d, "service:checkout", 0, true);
            for (int m = 1; m < 5; m++) {
                service(d, "service:checkout", m, false);
            }
            List<Alert> first = d.alerts();
            assertEquals(AlertStatus.CLOSED, first.getLast().getStatus());
            // Cooldown runs to the end of minute 0 + 3 min quiet + 10 min: minute 14.
            service(d, "service:checkout", 8, true);
            service(d, "service:checkout", 9, false);
            assertTrue(d.alerts().isEmpty());
            assertEquals(1.0, d.counter("vigil.ensemble.suppressed", "reason", "cooldown"));
            service(d, "service:checkout", 14, true);
            service(d, "service:checkout", 15, false);
            Alert reopened = d.alerts().getFirst();
            assertEquals(AlertStatus.OPEN, reopened.getStatus());
            assertNotEquals(first.getFirst().getAlertId(), reopened.getAlertId());
        }
    }

    @Test
    void ignoredEntitiesNeverRaiseAlerts() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.ignore", "service:load-test-*"))) {
            service(d, "service:load-test-3", 0, true);
            service(d, "service:checkout", 1, true);
            service(d, "service:checkout", 2, false);
            assertEquals(List.of("service:checkout"), d.alerts().stream().map(Alert::getEntity).toList());
            assertEquals(1.0, d.counter("vigil.ensemble.suppressed", "reason", "ignored"));
        }
    }

    @Test
    void manyPeersAnomalousInTheSameWindowsRaiseOneCorrelatedIncidentInsteadOfOneAlertEach() {
        try (EnsembleDriver d = driver(Map.of())) {
            for (int m = 0; m < 2; m++) {
                for (int i = 0; i < 12; i++) {
                    double s = 0.6 + 0.03 * i;
                    d.window(peer(i), PEERS, m, s, s, s);
                }
            }
            // A quiet peer's later window moves the clock past the 10 s hold of minute 1.
            d.window(peer(99), PEERS, 2, 0.1, 0.1, 0.1);
            List<Alert> alerts = d.alerts();
            assertEquals(List.of(AlertStatus.OPEN, AlertStatus.UPDATED), alerts.stream().map(Alert::getStatus).toList());
            Alert incident = alerts.getLast();
            assertTrue(incident.getCorrelated());
            assertEquals("correlated:bgp-peer", incident.getEntity());
            assertEquals(12, incident.getEntities().size());
            assertEquals(2, incident.getWindowCount());
            assertEquals(0.6 + 0.03 * 11, incident.getCombinedScore(), 1e-9);
            assertEquals(Severity.HIGH, incident.getSeverity());
            assertEquals(24.0, d.counter("vigil.ensemble.suppressed", "reason", "correlated"), "entity windows folded into it");
        }
    }

    @Test
    void aLoneAnomalousPeerIsNotABgpIncidentBelowTheMinimumOfAffectedPeers() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.bgp.min.peers", "2"))) {
            d.window(peer(1), PEERS, 0, 0.9, 0.9, 0.9);
            d.window(peer(99), PEERS, 1, 0.1, 0.1, 0.1);
            assertTrue(d.alerts().isEmpty());
            d.window(peer(1), PEERS, 2, 0.9, 0.9, 0.9);
            d.window("peer:rrc00|AS64502|192.0.2.2", PEERS, 2, 0.9, 0.9, 0.9);
            d.window(peer(99), PEERS, 3, 0.1, 0.1, 0.1);
            assertEquals(2, d.alerts().size());
        }
    }

    @Test
    void byDefaultAPeerOpensAnIncidentOnlyAfterThreeAnomalousMinutesAmongFive() {
        // Blank settings leave the defaults for peers in force; one affected peer is enough here.
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.incident.confirm.bgp-peer", "", "vigil.ensemble.incident.quiet.bgp-peer", "",
                "vigil.ensemble.cooldown.bgp-peer", "", "vigil.ensemble.bgp.min.peers", "1"))) {
            for (int m = 0; m < 12; m += 3) { // isolated anomalous minutes
                d.window(peer(1), PEERS, m, 0.9, 0.9, 0.9);
                d.window(peer(99), PEERS, m + 1, 0.1, 0.1, 0.1);
            }
            assertTrue(d.alerts().isEmpty(), "isolated anomalous minutes raise nothing");
            assertEquals(4.0, d.counter("vigil.ensemble.suppressed", "reason", "unconfirmed"));
            for (int m = 20; m < 23; m++) {
                d.window(peer(1), PEERS, m, 0.9, 0.9, 0.9);
            }
            d.window(peer(99), PEERS, 23, 0.1, 0.1, 0.1);
            List<Alert> alerts = d.alerts();
            assertEquals(List.of(AlertStatus.OPEN), alerts.stream().map(Alert::getStatus).toList());
            assertEquals(Fixtures.start(22), alerts.getFirst().getFirstWindowStart().toEpochMilli());
        }
    }
}
