package dev.vigil.ensemble.incident;

import static dev.vigil.ensemble.Fixtures.end;
import static dev.vigil.ensemble.Fixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.Severity;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.ab.LabelFeedback;
import dev.vigil.ensemble.ab.VariantSplit;
import dev.vigil.ensemble.fusion.Fusion;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.fusion.Weights;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import dev.vigil.models.fusion.CombinationRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainEngineTest {
    private static final String PEERS = "bgp-peer";
    private static final String SVC = "telemetry-service";
    private final EnsembleMetrics metrics = new EnsembleMetrics(new SimpleMeterRegistry());
    private final VariantSplit split = new VariantSplit(0.5, "test");
    private DomainEngine engine = engine(new Journal(new MapBackend()), Duration.ofMinutes(15));

    private DomainEngine engine(Journal journal, Duration correlationSpan) {
        Severities severities = Severities.parse("0.5,0.7,0.85,0.95");
        return new DomainEngine(journal, new Fusion(CombinationRule.WEIGHTED_MEAN, 0.5, split), new Weights(Map.of(), true, 20, 0),
                new CorrelationBuffer(journal, Duration.ofSeconds(30), Duration.ofMinutes(10), Clocks.EVENT),
                new IncidentTracker(journal, new IncidentTracker.Settings(Duration.ofMinutes(3), Duration.ofMinutes(10),
                        Severity.CRITICAL, Clocks.EVENT), severities),
                new LabelFeedback(journal, Duration.ofDays(1), Duration.ofDays(7), 30, 0.05, metrics), new AlertFactory(severities),
                new DomainEngine.Settings(IgnoreList.parse("peer:rrc00|AS64500|*"), PEERS, 2, 5, Map.of(SVC, 3), correlationSpan, 5),
                metrics);
    }

    private static String peer(int i) {
        return "peer:rrc04|AS" + (64501 + i) + "|192.0.2." + i;
    }

    /** Feeds windows, then a window of minute {@code minute + 1} of an unrelated quiet entity to move the clock past the hold. */
    private List<Alert> feed(int minute, List<WindowScores> windows) {
        List<Alert> out = new ArrayList<>();
        windows.forEach(w -> out.addAll(engine.onWindow(w, 0).alerts()));
        out.addAll(engine.onWindow(Fixtures.window("peer:quiet", windows.getFirst().domain(), minute + 1, 0.1), 0).alerts());
        return out;
    }

    @Test
    void aBgpPeerWindowNeedsTheMinimumOfAffectedPeersAndIgnoredPeersDoNotCount() {
        List<Alert> lone = feed(0, List.of(Fixtures.window(peer(1), PEERS, 0, 0.9),
                Fixtures.window("peer:rrc00|AS64500|10.0.0.1", PEERS, 0, 0.9)));
        assertTrue(lone.isEmpty());
        assertEquals(1.0, metrics.counter("vigil.ensemble.suppressed", "reason", DomainEngine.MIN_PEERS));
        assertEquals(1.0, metrics.counter("vigil.ensemble.suppressed", "reason", DomainEngine.IGNORED));

        List<Alert> two = feed(2, List.of(Fixtures.window(peer(1), PEERS, 2, 0.9), Fixtures.window(peer(2), PEERS, 2, 0.8)));
        assertEquals(List.of(peer(1), peer(2)), two.stream().map(Alert::getEntity).sorted().toList());
        assertTrue(two.stream().allMatch(a -> a.getStatus() == AlertStatus.OPEN && !a.getCorrelated()));
    }

    @Test
    void aWindowBelowTheThresholdThatDetectorsStillFlagKeepsItsEntitysOpenIncidentGoingButOpensNone() {
        String service = "service:checkout";
        Alert opened = feed(0, List.of(Fixtures.window(service, SVC, 0, 0.9, 0.8))).getFirst();
        assertEquals(AlertStatus.OPEN, opened.getStatus());

        // The mean (0.6 + 0.1 + 0.1) / 3 is below 0.5, yet one detector, the quorum here, flags the window.
        List<Alert> sustained = feed(2, List.of(Fixtures.window(service, SVC, 2, 0.6, 0.1, 0.1)));
        assertEquals(1, sustained.size());
        assertEquals(opened.getAlertId(), sustained.getFirst().getAlertId());
        assertEquals(AlertStatus.UPDATED, sustained.getFirst().getStatus());
        assertEquals(end(2), sustained.getFirst().getLastWindowEnd().toEpochMilli());

        List<Alert> unflagged = feed(4, List.of(Fixtures.window(service, SVC, 4, 0.3, 0.1, 0.1)));
        assertEquals(List.of(AlertStatus.CLOSED), unflagged.stream().map(Alert::getStatus).toList(),
                "no detector flags it: the quiet period ends the incident at its last sustained window");
        assertEquals(end(2), unflagged.getFirst().getLastWindowEnd().toEpochMilli());
        assertTrue(feed(6, List.of(Fixtures.window("service:cart", SVC, 6, 0.6, 0.1, 0.1))).isEmpty(),
                "without an open incident the same window raises nothing");
    }

    @Test
    void manyEntitiesAnomalousInTheSameWindowsFormOneCorrelatedIncidentListingThem() {
        List<WindowScores> storm = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            storm.add(Fixtures.window(peer(i), PEERS, 0, 0.7 + i * 0.04));
        }
        List<Alert> first = feed(0, storm);
        assertEquals(1, first.size());
        Alert incident = first.getFirst();
        assertTrue(incident.getCorrelated());
        assertEquals("correlated:" + PEERS, incident.getEntity());
        assertEquals(storm.stream().map(WindowScores::entity).sorted().toList(), incident.getEntities());
        assertEquals(0.9, incident.getCombinedScore(), 1e-9, "the strongest member's score");
        assertEquals(Severity.HIGH, incident.getSeverity());

        // The storm goes on in the next window with one more peer: the same incident is updated.
        storm.replaceAll(w -> Fixtures.window(w.entity(), PEERS, 1, 0.8));
        storm.add(Fixtures.window(peer(9), PEERS, 1, 0.8));
        Alert update = feed(1, storm).getFirst();
        assertEquals(AlertStatus.UPDATED, update.getStatus());
        assertEquals(incident.getAlertId(), update.getAlertId());
        assertEquals(7, update.getEntities().size());
        assertEquals(2, update.getWindowCount());
    }

    @Test
    void peersThatTurnAnomalousAFewWindowsApartFormOneCorrelatedIncidentWhichLaterPeersJoinWhileItGoesOn() {
        engine = engine(new Journal(new MapBackend()), Duration.ofMinutes(2));
        // Two peers a minute turn anomalous; 5 within the 2-minute span make a storm.
        List<Alert> first = feed(0, List.of(Fixtures.window(peer(0), PEERS, 0, 0.9), Fixtures.window(peer(1), PEERS, 0, 0.9)));
        List<Alert> second = feed(1, List.of(Fixtures.window(peer(2), PEERS, 1, 0.9), Fixtures.window(peer(3), PEERS, 1, 0.9)));
        assertEquals(4, first.size() + second.size(), "4 peers in the span: each its own incident");
        assertTrue(second.stream().noneMatch(Alert::getCorrelated));

        List<Alert> third = feed(2, List.of(Fixtures.window(peer(4), PEERS, 2, 0.9), Fixtures.window(peer(5), PEERS, 2, 0.9)));
        List<Alert> storm = third.stream().filter(Alert::getCorrelated).toList();
        assertEquals(1, storm.size(), "6 peers within the span: " + third);
        // The storm began as peer 0's incident (the earliest open one): that incident becomes the storm, naming every
        // peer of the span, instead of a second incident for the same event.
        Alert peer0 = first.stream().filter(a -> a.getEntity().equals(peer(0))).findFirst().orElseThrow();
        assertEquals(peer0.getAlertId(), storm.getFirst().getAlertId());
        assertEquals(AlertStatus.UPDATED, storm.getFirst().getStatus());
        assertEquals("correlated:" + PEERS, storm.getFirst().getEntity());
        assertEquals(start(0), storm.getFirst().getFirstWindowStart().toEpochMilli());
        assertEquals(java.util.stream.IntStream.range(0, 6).mapToObj(DomainEngineTest::peer).sorted().toList(),
                storm.getFirst().getEntities());
        assertTrue(third.stream().noneMatch(a -> a.getStatus() == AlertStatus.OPEN), third.toString());

        // Two minutes later the span holds only 4 peers, but the storm is still open (quiet 3 min): they join it.
        List<Alert> later = feed(4, List.of(Fixtures.window(peer(6), PEERS, 4, 0.9), Fixtures.window(peer(7), PEERS, 4, 0.9)));
        assertTrue(later.stream().noneMatch(a -> a.getEntity().equals(peer(6)) || a.getEntity().equals(peer(7))), later.toString());
        Alert joined = later.stream().filter(Alert::getCorrelated).reduce((a, b) -> b).orElseThrow();
        assertEquals(storm.getFirst().getAlertId(), joined.getAlertId());
        assertEquals(AlertStatus.UPDATED, joined.getStatus());
        assertEquals(java.util.stream.IntStream.range(0, 8).mapToObj(DomainEngineTest::peer).sorted().toList(), joined.getEntities());
    }

    @Test
    void withoutASpanOnlyTheSameWindowCorrelates() {
        engine = engine(new Journal(new MapBackend()), Duration.ZERO);
        List<Alert> alerts = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            alerts.addAll(feed(minute, List.of(Fixtures.window(peer(2 * minute), PEERS, minute, 0.9),
                    Fixtures.window(peer(2 * minute + 1), PEERS, minute, 0.9))));
        }
        assertEquals(6, alerts.stream().filter(a -> a.getStatus() == AlertStatus.OPEN).count());
        assertTrue(alerts.stream().noneMatch(Alert::getCorrelated));
    }

    @Test
    void theCorrelationMinimumCanBeSetPerDomain() {
        List<Alert> alerts = feed(0, List.of(Fixtures.window("service:a", SVC, 0, 0.9), Fixtures.window("service:b", SVC, 0, 0.9),
                Fixtures.window("service:c", SVC, 0, 0.9)));
        assertEquals(1, alerts.size());
        assertTrue(alerts.getFirst().getCorrelated(), "3 services reach the telemetry-service minimum of 3");
    }

    @Test
    void labelsTeachWeightsAndATrialWhoseChallengerIsBetterEndsInAPromotionRequest() {
        List<RetrainRequest> promotions = new ArrayList<>();
        // 200 services, each with one window: the champion forest misses half the anomalies, the challenger none.
        for (int i = 0; i < 200; i++) {
            String entity = "service:s" + i;
            boolean anomaly = i % 2 == 0;
            double champion = anomaly && i % 4 == 0 ? 0.8 : 0.2;
            double challenger = anomaly ? 0.9 : 0.1;
            WindowScores w = new WindowScores(entity, SVC, start(i), end(i),
                    List.of(Fixtures.reading(SVC, "isolation-forest", 1, champion, false)),
                    List.of(Fixtures.reading(SVC, "isolation-forest", 2, challenger, true)), List.of());
            // Half the labels arrive before their window, half after.
            if (i % 3 == 0) {
                promotions.addAll(engine.onLabel(new LabelFeedback.LabelInput(entity, SVC, start(i), anomaly), 0).promotions());
                promotions.addAll(engine.onWindow(w, 0).promotions());
            } else {
                promotions.addAll(engine.onWindow(w, 0).promotions());
                promotions.addAll(engine.onLabel(new LabelFeedback.LabelInput(entity, SVC, start(i), anomaly), 0).promotions());
            }
        }
        assertEquals(1, promotions.size(), "one request for the one challenger model, once");
        RetrainRequest r = promotions.getFirst();
        assertEquals("telemetry-service.isolation-forest", r.getModel());
        assertEquals(2.0, r.getDriftFigures().get("ab.challenger.version"));
        assertTrue(r.getDriftFigures().get("ab.p.value") < 0.05);
        assertTrue(r.getDriftFigures().get("ab.challenger.accuracy") > r.getDriftFigures().get("ab.champion.accuracy"));
        assertTrue(metrics.counter("vigil.ensemble.variant.labelled", "variant", "A") >= 30);
        assertTrue(metrics.counter("vigil.ensemble.variant.labelled", "variant", "B") >= 30);
        assertFalse(metrics.counter("vigil.ensemble.trials.decided", "winner", "B") == 0);
    }
}
