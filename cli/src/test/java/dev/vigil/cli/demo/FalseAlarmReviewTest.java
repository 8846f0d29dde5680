package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.Severity;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FalseAlarmReviewTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration W = DemoSettings.TELEMETRY_WINDOW;
    private static final String DOMAIN = Entities.TELEMETRY_SERVICE;

    /** An error spike on checkout over windows 10 to 13. */
    private final Injection spike = new Injection(Injection.Kind.ERROR_SPIKE, DOMAIN, List.of("service:checkout"),
            at(10), at(14));
    private final FalseAlarmReview review = new FalseAlarmReview(List.of(spike));

    @Test
    void aFalseAlarmsWindowsAreLabelledNormalOnceTheLabelDelayHasPassed() {
        List<Alert> alerts = new ArrayList<>(List.of(alert("a", "service:search", List.of(), at(3), at(5))));
        assertTrue(review.due(alerts, at(5).plus(DemoSettings.LABEL_DELAY).minusSeconds(1)).isEmpty(), "not yet due");
        List<FalseAlarmReview.NormalWindow> due = review.due(alerts, at(5).plus(DemoSettings.LABEL_DELAY));
        assertEquals(List.of(new FalseAlarmReview.NormalWindow("service:search", DOMAIN, at(3), at(4)),
                new FalseAlarmReview.NormalWindow("service:search", DOMAIN, at(4), at(5))), due);
        assertTrue(review.due(alerts, at(100)).isEmpty(), "each alert record is reviewed once");
    }

    @Test
    void windowsAnInjectionCoversAreLeftToItsOwnLabelsAndAnIncidentsLaterStateAddsOnlyNewWindows() {
        List<Alert> alerts = new ArrayList<>();
        // Opened on the spike's first window, and still open two windows after it ended.
        alerts.add(alert("b", "service:checkout", List.of(), at(10), at(12)));
        assertTrue(review.due(alerts, at(50)).isEmpty(), "inside the injection: nothing to dismiss");
        alerts.add(alert("b", "service:checkout", List.of(), at(10), at(16)));
        assertEquals(List.of(new FalseAlarmReview.NormalWindow("service:checkout", DOMAIN, at(14), at(15)),
                new FalseAlarmReview.NormalWindow("service:checkout", DOMAIN, at(15), at(16))), review.due(alerts, at(50)));
    }

    @Test
    void aCorrelatedIncidentIsReviewedForEachEntityAndUnevaluatedDomainsAreSkipped() {
        List<Alert> alerts = new ArrayList<>();
        alerts.add(alert("c", "correlated:" + DOMAIN, List.of("service:checkout", "service:search"), at(12), at(13)));
        alerts.add(alert("d", "origin:AS65001", List.of(), Entities.BGP_ORIGIN, at(20), at(21)));
        assertEquals(List.of(new FalseAlarmReview.NormalWindow("service:search", DOMAIN, at(12), at(13))),
                review.due(alerts, at(50)), "checkout's window is the spike's; origins carry no labels in the demo");
    }

    private static Instant at(int window) {
        return T0.plus(W.multipliedBy(window));
    }

    private static Alert alert(String id, String entity, List<String> entities, Instant from, Instant to) {
        return alert(id, entity, entities, DOMAIN, from, to);
    }

    private static Alert alert(String id, String entity, List<String> entities, String domain, Instant from, Instant to) {
        return Alert.newBuilder().setAlertId(id).setEntity(entity).setDomain(domain).setStatus(AlertStatus.UPDATED)
                .setSeverity(Severity.HIGH).setCombinedScore(0.9).setFirstWindowStart(from).setLastWindowEnd(to)
                .setDetectorScores(List.of(new DetectorVerdict("rules", domain + ".rules", 1, 0.97, true, 1.0)))
                .setEntities(entities).setCorrelated(!entities.isEmpty()).setUpdatedAt(to).build();
    }
}
