package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.ModelStage;
import dev.vigil.ensemble.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait rule and the combination rules, through the real topology. */
class FusionTopologyTest {
    private static final String SVC = "telemetry-service";
    private static final Map<String, String> THREE_DETECTORS = Map.of(
            "vigil.ensemble.detectors.telemetry-service", "isolation-forest,forecaster,rules",
            "vigil.ensemble.correlation.hold", "0s");

    @TempDir
    Path stateDir;

    private EnsembleDriver driver(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(THREE_DETECTORS);
        settings.putAll(extra);
        return new EnsembleDriver(stateDir, settings);
    }

    @Test
    void aWindowIsFusedAsSoonAsEveryDetectorReportedAndTheAlertCarriesEachDetectorsScoreAndVersion() {
        try (EnsembleDriver d = driver(Map.of())) {
            d.score("service:checkout", SVC, 0, "isolation-forest", 0.9);
            d.score("service:checkout", SVC, 0, "forecaster", 0.8);
            assertTrue(d.alerts().isEmpty(), "waits for rules");
            d.score("service:checkout", SVC, 0, "rules", 0.7);
            Alert alert = d.alerts().getFirst();
            assertEquals(AlertStatus.OPEN, alert.getStatus());
            assertEquals("service:checkout", alert.getEntity());
            assertEquals(SVC, alert.getDomain());
            assertEquals(0.8, alert.getCombinedScore(), 1e-9);
            assertEquals(List.of("forecaster", "isolation-forest", "rules"),
                    alert.getDetectorScores().stream().map(DetectorVerdict::getDetector).toList());
            assertEquals("telemetry-service.rules", alert.getDetectorScores().get(2).getModelName());
            assertEquals(1, alert.getDetectorScores().get(2).getModelVersion());
            assertTrue(alert.getMissingDetectors().isEmpty());
            assertEquals("isolation-forest.rate", alert.getTopFeatures().getFirst().getFeature(), "largest deviation first");
            assertEquals(Fixtures.start(0), alert.getFirstWindowStart().toEpochMilli());
            assertEquals(Fixtures.end(0), alert.getLastWindowEnd().toEpochMilli());
            assertEquals(List.of("service:checkout"), alert.getEntities());
            assertEquals(List.of(1.0, 1.0, 1.0), alert.getDetectorScores().stream().map(DetectorVerdict::getWeight).toList(),
                    "no weight configured, none learned yet");
        }
    }

    @Test
    void theAlertSaysWhatWeightEachDetectorHadInTheFusion() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.weight.telemetry-service.rules", "0.5"))) {
            Map.of("isolation-forest", 0.9, "forecaster", 0.8, "rules", 0.7).forEach((detector, score) ->
                    d.score("service:checkout", SVC, 0, detector, score));
            Alert alert = d.alerts().getFirst();
            assertEquals(List.of(1.0, 1.0, 0.5), alert.getDetectorScores().stream().map(DetectorVerdict::getWeight).toList());
            assertEquals((0.9 + 0.8 + 0.5 * 0.7) / 2.5, alert.getCombinedScore(), 1e-9);
        }
    }

    @Test
    void onEventTimeAnIncompleteWindowIsFusedOnceAScoreEndsTheWaitAndNamesTheMissingDetector() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.wait", "30s"))) {
            d.score("service:checkout", SVC, 0, "isolation-forest", 0.9);
            d.score("service:checkout", SVC, 0, "forecaster", 0.9);
            d.score("service:cart", SVC, 0, "rules", 0.1);
            assertTrue(d.alerts().isEmpty());
            d.score("service:cart", SVC, 1, "rules", 0.1);
            Alert alert = d.alerts().getFirst();
            assertEquals("service:checkout", alert.getEntity());
            assertEquals(List.of("rules"), alert.getMissingDetectors());
            assertEquals(2, alert.getDetectorScores().size());
            assertEquals(2.0, d.counter("vigil.ensemble.windows", "complete", "false", "domain", SVC), 0.0,
                    "checkout's window and cart's minute-0 window (only rules), which was not anomalous");
        }
    }

    @Test
    void onWallClockTimeAnIncompleteWindowIsFusedByThePunctuationWhenInputStops() {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.wait", "30s", "vigil.ensemble.wait.clock", "wall"))) {
            d.score("service:checkout", SVC, 0, "isolation-forest", 0.95);
            d.advanceWallClock(Duration.ofSeconds(20));
            assertTrue(d.alerts().isEmpty());
            d.advanceWallClock(Duration.ofSeconds(11));
            Alert alert = d.alerts().getFirst();
            assertEquals(List.of("forecaster", "rules"), alert.getMissingDetectors());
            assertEquals(0.95, alert.getCombinedScore(), 1e-9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // rule, forest, forecaster, rules, expected combined score (weights 2, 1, 1), alert expected
        "weighted-mean, 0.9, 0.3, 0.4, 0.625, true",
        "weighted-mean, 0.6, 0.2, 0.2, 0.4, false",
        "weighted-vote, 0.9, 0.6, 0.3, 0.75, true",
        "weighted-vote, 0.9, 0.3, 0.3, 0.5, true",
        "weighted-vote, 0.4, 0.6, 0.3, 0.25, false",
        "max, 0.3, 0.55, 0.2, 0.55, true",
        "max, 0.3, 0.45, 0.2, 0.45, false",
    })
    void everyCombinationRuleFusesTheWindowWithTheConfiguredWeights(String rule, double forest, double forecaster, double rules,
                                                                   double expected, boolean alerted) {
        try (EnsembleDriver d = driver(Map.of("vigil.ensemble.rule", rule, "vigil.ensemble.weight.isolation-forest", "2"))) {
            d.window("service:checkout", SVC, 0, forest, forecaster, rules);
            List<Alert> alerts = d.alerts();
            assertEquals(alerted ? 1 : 0, alerts.size());
            assertEquals(1.0, d.counter("vigil.ensemble.fused", "anomalous", Boolean.toString(alerted)));
            if (alerted) {
                assertEquals(expected, alerts.getFirst().getCombinedScore(), 1e-9);
                assertEquals(rule, alerts.getFirst().getRule());
            }
        }
    }

    @Test
    void theRegistrysServingModelsDecideWhichDetectorsAWindowWaitsFor() {
        try (EnsembleDriver d = driver(Map.of())) {
            d.announce(SVC, "isolation-forest", 1, ModelStage.PRODUCTION);
            d.announce(SVC, "rules", 3, ModelStage.PRODUCTION);
            d.score("service:checkout", SVC, 0, "isolation-forest", 0.9);
            d.score("service:checkout", SVC, 0, "rules", 0.9);
            Alert alert = d.alerts().getFirst();
            assertTrue(alert.getMissingDetectors().isEmpty(), "the configured forecaster is not in production");
            // The detectors refuse the only rules version: no rules model serves, windows wait only for the isolation forest.
            d.refuse(SVC, "rules", 3);
            d.score("service:cart", SVC, 0, "isolation-forest", 0.9);
            assertEquals("service:cart", d.alerts().getFirst().getEntity());
        }
    }

    @Test
    void anInvalidScoreGoesToTheDeadLetterTopicAndUnscoredRecordsAreCountedNotFused() {
        try (EnsembleDriver d = driver(Map.of())) {
            DetectorScore bad = EnsembleDriver.score("service:checkout", SVC, 0, "rules", 1, 1.7, false);
            d.pipe(bad);
            DetectorScore unscored = DetectorScore.newBuilder(EnsembleDriver.score("service:new", SVC, 0, "none", 1, 0, false))
                    .setStatus(dev.vigil.avro.ScoreStatus.UNSCORED).setModelName(null).setModelVersion(null).build();
            d.pipe(unscored);
            assertEquals(1.0, d.counter("vigil.ensemble.scores", "kind", "unscored"));
            assertTrue(d.alerts().isEmpty());
            var dlq = d.deadLetters();
            assertEquals(1, dlq.size());
            assertTrue(dlq.getFirst().getReason().contains("1.7"), dlq.getFirst().getReason());
        }
    }
}
