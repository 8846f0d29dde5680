package dev.vigil.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DriftReference;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.StoredServing;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.DeadLetters;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.registry.RefusalReport;
import dev.vigil.registry.ServingState;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftMonitorTopologyTest {
    private static final int PER_HOUR = 300;

    @TempDir
    Path stateDir;

    private final Fixtures data = new Fixtures(7);
    private AppContext ctx;
    private TopologyHarness harness;
    private TestInputTopic<String, FeatureVector> features;
    private TestInputTopic<String, DetectorScore> scores;
    private TestInputTopic<String, ModelVersion> versions;
    private TestInputTopic<String, Label> labels;
    private TestInputTopic<String, DeadLetter> versionReports;
    private TestOutputTopic<String, DriftReport> reports;
    private TestOutputTopic<String, RetrainRequest> requests;

    private void start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("vigil.drift.partitions", "1"));
        all.putAll(settings);
        Clock clock = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
        harness = TopologyHarness.forApp(DriftMonitorApp.NAME).settings(all).stateDir(stateDir)
                .start(c -> new DriftMonitorApp(clock).topology(c));
        ctx = harness.context();
        features = harness.input(ctx.topic(Topics.FEATURES_TELEMETRY), FeatureVector.class);
        scores = harness.input(ctx.topic(Topics.SCORES), DetectorScore.class);
        versions = harness.input(ctx.topic(Topics.MODEL_VERSIONS), ModelVersion.class);
        labels = harness.input(ctx.topic(Topics.LABELS), Label.class);
        versionReports = harness.input(Topics.dlq(ctx.topic(Topics.MODEL_VERSIONS)), DeadLetter.class);
        reports = harness.output(ctx.topic(Topics.DRIFT_REPORTS), DriftReport.class);
        requests = harness.output(ctx.topic(Topics.RETRAIN_REQUESTS), RetrainRequest.class);
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void publishProductionVersion() {
        ModelVersion v = data.productionVersion(5000);
        versions.pipeInput(v.getName() + "/" + v.getVersion(), v, v.getCreatedAt());
    }

    /** Pipes an hour of vectors, each followed by its production score and, when asked, a shadow score. */
    private void pipeHour(int hour, double shift, boolean withShadow) {
        for (FeatureVector v : data.hour(hour, PER_HOUR, shift)) {
            features.pipeInput(v.getEntity(), v, v.getWindowEnd());
            scores.pipeInput(v.getEntity(), Fixtures.score(v, false), v.getWindowEnd());
            if (withShadow) {
                DetectorScore shadow = Fixtures.score(v, true);
                shadow.setAnomalous(true);
                scores.pipeInput(v.getEntity(), shadow, v.getWindowEnd());
            }
        }
    }

    @Test
    void stationaryDataRaisesNoDriftAndShadowScoresAreIgnored() {
        start(Map.of("vigil.drift.reference", "training"));
        publishProductionVersion();
        for (int hour = 0; hour < 24; hour++) {
            pipeHour(hour, 0, true);
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(23, checks.size(), "every closed hour is checked once");
        for (DriftReport r : checks) {
            assertFalse(r.getConfirmed(), () -> String.join("\n", r.getReasons()));
            assertEquals(DriftReference.TRAINING_BASELINE, r.getReference());
            assertEquals(1, r.getModelVersion());
            assertEquals(PER_HOUR, r.getScore().getCount());
            assertTrue(r.getAlertRate() < 0.05, "shadow alerts must not count: " + r.getAlertRate());
        }
        assertTrue(requests.isEmpty());
        Gauge ks = ctx.metrics().find("vigil.drift-monitor.ks").tags("model", Fixtures.MODEL, "feature", "latency_p50").gauge();
        assertNotNull(ks);
        assertTrue(ks.value() >= 0 && ks.value() < 0.2, "ks gauge " + ks.value());
        assertNotNull(ctx.metrics().find("vigil.drift-monitor.alert.rate").gauge());
    }

    /** The detectors refused the promoted version and keep scoring with the one before: that is the reference. */
    @Test
    void aRefusedProductionVersionIsNotTheReferenceTheVersionThatServesIs() {
        start(Map.of("vigil.drift.reference", "training"));
        ModelVersion v1 = data.productionVersion(5000);
        ModelVersion v2 = ModelVersion.newBuilder(v1).setVersion(2).build();
        for (ModelVersion v : List.of(v1, ModelRegistryClient.withStage(v1, ModelStage.ARCHIVED, "replaced by version 2"), v2)) {
            versions.pipeInput(v.getName() + "/" + v.getVersion(), v, v.getCreatedAt());
        }
        versionReports.pipeInput(Fixtures.MODEL + "/2", RefusalReport.letter("detectors", Topics.MODEL_VERSIONS, Fixtures.MODEL,
                2, "signature", "signature does not verify; v1 keeps serving"), v2.getCreatedAt());
        versionReports.pipeInput("x.y/1", DeadLetters.letter("ensemble", Topics.MODEL_VERSIONS, 0, 1L, null, new byte[] {1},
                "org.apache.avro.AvroRuntimeException", "not a refusal"), v2.getCreatedAt());
        for (int hour = 0; hour < 3; hour++) {
            pipeHour(hour, 0, false);
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(2, checks.size());
        checks.forEach(r -> assertEquals(1, r.getModelVersion(), "v2 was refused"));
    }

    @Test
    void aTombstoneRemovesItsVersionFromTheServingState() {
        start(Map.of());
        ModelVersion v1 = data.productionVersion(10);
        ModelVersion v2 = ModelVersion.newBuilder(v1).setVersion(2).build();
        versions.pipeInput(Fixtures.MODEL + "/1", v1, v1.getCreatedAt());
        versions.pipeInput(Fixtures.MODEL + "/2", v2, v2.getCreatedAt());
        assertEquals(Optional.of(2), servingState().serving());
        versions.pipeInput(Fixtures.MODEL + "/2", null, v2.getCreatedAt());
        assertEquals(Optional.of(1), servingState().serving());
        KeyValueStore<String, byte[]> store = harness.driver().getKeyValueStore(DriftStores.VERSIONS);
        assertNull(store.get(Fixtures.MODEL + "/2"), "the deleted version's record is dropped");
    }

    private ServingState servingState() {
        KeyValueStore<String, byte[]> store = harness.driver().getKeyValueStore(DriftStores.VERSIONS);
        return StoredServing.decode(store.get(Fixtures.MODEL));
    }

    @Test
    void shiftIsConfirmedInTheSecondWindowAndRequestedExactlyOnce() {
        start(Map.of("vigil.drift.reference", "training"));
        publishProductionVersion();
        for (int hour = 0; hour < 6; hour++) {
            pipeHour(hour, 0, false);
        }
        for (int hour = 6; hour < 15; hour++) {
            pipeHour(hour, 1.0, false);
        }
        pipeHour(15, 1.0, false);
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(15, checks.size());
        checks.subList(0, 6).forEach(r -> assertFalse(r.getConfirmed()));
        DriftReport firstShifted = checks.get(6);
        assertEquals(1, firstShifted.getConsecutiveWindows());
        assertFalse(firstShifted.getConfirmed());
        DriftReport confirmed = checks.get(7);
        assertTrue(confirmed.getConfirmed() && confirmed.getRetrainRequested(), String.join("\n", confirmed.getReasons()));
        assertEquals(1, checks.stream().filter(DriftReport::getRetrainRequested).count());

        var sent = requests.readKeyValuesToList();
        assertEquals(1, sent.size(), "exactly one retrain request per episode");
        assertEquals(Fixtures.MODEL, sent.getFirst().key);
        RetrainRequest request = sent.getFirst().value;
        assertEquals("drift-monitor:" + Fixtures.MODEL + ":v1:" + Fixtures.T0.plusSeconds(6 * 3600), request.getRequestId());
        assertTrue(request.getDriftFigures().get("ks.latency_p50") > 0.3, request.getDriftFigures().toString());
        assertEquals(Fixtures.T0.plusSeconds(6 * 3600), request.getChangedSince(), "drift began with the first shifted hour");
    }

    @Test
    void shiftOfIgnoredFeaturesOnlyRaisesNoDriftAndNoRequest() {
        // The last two features stand in for seasonality encodings: they move completely, nothing else does.
        start(Map.of("vigil.drift.ignore.features", "error_rate,requests", "vigil.drift.reference", "training"));
        publishProductionVersion();
        for (int hour = 0; hour < 8; hour++) {
            for (FeatureVector v : data.hour(Fixtures.T0, hour, PER_HOUR, hour < 2 ? 0 : 5.0, 2)) {
                features.pipeInput(v.getEntity(), v, v.getWindowEnd());
                scores.pipeInput(v.getEntity(), Fixtures.score(v, false), v.getWindowEnd());
            }
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(7, checks.size());
        for (DriftReport r : checks.subList(2, 7)) {
            assertFalse(r.getConfirmed(), () -> String.join("\n", r.getReasons()));
            assertTrue(r.getSeverity().ordinal() < dev.vigil.avro.Severity.MEDIUM.ordinal(), () -> String.join("\n", r.getReasons()));
            var errorRate = r.getFeatures().stream().filter(f -> f.getName().equals("error_rate")).findFirst().orElseThrow();
            assertTrue(errorRate.getKs() > 0.9, "reported with its statistics: ks " + errorRate.getKs());
            assertEquals(dev.vigil.avro.Severity.NONE, errorRate.getSeverity());
        }
        assertTrue(requests.isEmpty());
    }

    @Test
    void rollingBaselineDetectsAShiftWithoutAProductionVersion() {
        start(Map.of("vigil.drift.reference", "rolling", "vigil.drift.rolling.baseline", "12h"));
        for (int hour = 0; hour < 14; hour++) {
            pipeHour(hour, 0, false);
        }
        for (int hour = 14; hour < 17; hour++) {
            pipeHour(hour, 1.5, false);
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(16, checks.size());
        checks.forEach(r -> assertEquals(DriftReference.ROLLING, r.getReference()));
        assertEquals(0, checks.getFirst().getFeatures().getFirst().getBaselineCount(), "no history before the first hour");
        assertEquals(12 * PER_HOUR, checks.get(13).getFeatures().getFirst().getBaselineCount());
        checks.subList(0, 14).forEach(r -> assertFalse(r.getConfirmed(), () -> String.join("\n", r.getReasons())));
        assertTrue(checks.get(15).getConfirmed(), String.join("\n", checks.get(15).getReasons()));
        assertEquals(1, requests.readValuesToList().size());
    }

    @Test
    void seasonalReferenceIgnoresTheDailyCycleAndConfirmsAShiftInItsSecondWindow() {
        // Every feature follows a daily cycle of 1.5 standard deviations: an hour differs from the hours
        // around it, not from the same hour of the previous days. The regime shifts by 1 SD at hour 72.
        start(Map.of());
        for (int hour = 0; hour < 76; hour++) {
            double cycle = 1.5 * Math.sin(2 * Math.PI * hour / 24);
            pipeHour(hour, cycle + (hour >= 72 ? 1.0 : 0), false);
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(75, checks.size());
        checks.subList(0, 72).forEach(r -> assertFalse(r.getConfirmed(), () -> r.getWindowStart() + "\n"
                + String.join("\n", r.getReasons())));
        checks.subList(0, 24).forEach(r -> assertEquals(DriftReference.ROLLING, r.getReference()));
        checks.subList(24, 75).forEach(r -> assertEquals(DriftReference.SEASONAL, r.getReference()));
        assertTrue(checks.get(70).getReasons().stream().anyMatch(t -> t.startsWith("reference (auto): seasonal")),
                String.join("\n", checks.get(70).getReasons()));
        assertTrue(checks.get(73).getConfirmed(), String.join("\n", checks.get(73).getReasons()));
        assertEquals(1, requests.readValuesToList().size());
    }

    @Test
    void rollingBaselineCoversExactlyItsSpanAcrossCachedDailyBlocks() {
        start(Map.of("vigil.drift.reference", "rolling", "vigil.drift.rolling.baseline", "2d",
                "vigil.drift.min.window.count", "20", "vigil.drift.min.baseline.count", "20"));
        publishProductionVersion();
        int perHour = 30;
        for (int hour = 0; hour <= 62; hour++) {
            for (FeatureVector v : data.hour(hour, perHour, 0)) {
                features.pipeInput(v.getEntity(), v, v.getWindowEnd());
            }
        }
        List<DriftReport> checks = reports.readValuesToList();
        assertEquals(62, checks.size());
        for (int hour = 0; hour < 62; hour++) {
            // Hours [hour - 48, hour - 1] that exist: the first ones have less history.
            long expected = (long) Math.min(hour, 48) * perHour;
            assertEquals(expected, checks.get(hour).getFeatures().getFirst().getBaselineCount(), "hour " + hour);
        }
    }

    @Test
    void labelsRevealConceptDriftWithoutFeatureDrift() {
        start(Map.of("vigil.drift.reference", "training"));
        publishProductionVersion();
        // The world now calls every window with latency_p50 above 1.5 an anomaly; the model still alerts at 2.33.
        for (int hour = 0; hour < 10; hour++) {
            int i = 0;
            for (FeatureVector v : data.hour(hour, PER_HOUR, 0)) {
                Label label = Label.newBuilder().setEntity(v.getEntity()).setDomain(v.getDomain())
                        .setWindowStart(v.getWindowStart()).setWindowEnd(v.getWindowEnd())
                        .setAnomalous(v.getValues().getFirst() > 1.5).setSource("dataset").setLabelledAt(v.getWindowEnd())
                        .build();
                String key = v.getEntity() + "|" + v.getWindowStart().toEpochMilli();
                boolean labelFirst = i++ % 2 == 0;
                if (labelFirst) {
                    labels.pipeInput(key, label, v.getWindowEnd());
                }
                features.pipeInput(v.getEntity(), v, v.getWindowEnd());
                scores.pipeInput(v.getEntity(), Fixtures.score(v, false), v.getWindowEnd());
                if (!labelFirst) {
                    labels.pipeInput(key, label, v.getWindowEnd());
                }
            }
        }
        List<DriftReport> checks = reports.readValuesToList();
        DriftReport last = checks.getLast();
        assertNotNull(last.getRecall());
        assertTrue(last.getRecall() < 0.4, "recall " + last.getRecall());
        assertTrue(checks.stream().allMatch(r -> r.getFeatures().stream().allMatch(f -> f.getKs() < 0.2)));
        assertTrue(checks.stream().anyMatch(DriftReport::getConfirmed));
        assertEquals(1, requests.readValuesToList().size());
    }

    @Test
    void correctedLabelReplacesTheEarlierVerdictAndLateRecordsAreCounted() {
        start(Map.of("vigil.drift.reference", "training"));
        publishProductionVersion();
        List<FeatureVector> hour0 = data.hour(0, PER_HOUR, 0);
        for (FeatureVector v : hour0) {
            features.pipeInput(v.getEntity(), v, v.getWindowEnd());
            scores.pipeInput(v.getEntity(), Fixtures.score(v, false), v.getWindowEnd());
        }
        FeatureVector alerted = hour0.stream().filter(v -> Fixtures.score(v, false).getAnomalous()).findFirst().orElseThrow();
        FeatureVector quiet = hour0.stream().filter(v -> !Fixtures.score(v, false).getAnomalous()).findFirst().orElseThrow();
        pipeLabel(alerted, false);
        pipeLabel(alerted, true);
        pipeLabel(quiet, false);
        pipeHour(1, 0, false);
        // A vector of hour 0 after hour 0 was checked: stored, but too late for its check.
        FeatureVector late = Fixtures.vector("service:late", Fixtures.T0, data.values(0));
        features.pipeInput(late.getEntity(), late, late.getWindowEnd());

        DriftReport hour0Check = reports.readValuesToList().getFirst();
        assertEquals(1.0, hour0Check.getPrecision(), "the corrected label makes the alert a true positive");
        assertEquals(1.0, hour0Check.getRecall());
        assertEquals(0.0, hour0Check.getFalsePositiveRate());
        assertEquals(1.0, ctx.metrics().find("vigil.drift-monitor.late.records").counter().count());
    }

    private void pipeLabel(FeatureVector v, boolean anomalous) {
        Label label = Label.newBuilder().setEntity(v.getEntity()).setDomain(v.getDomain()).setWindowStart(v.getWindowStart())
                .setWindowEnd(v.getWindowEnd()).setAnomalous(anomalous).setLabelledAt(v.getWindowEnd()).build();
        labels.pipeInput(v.getEntity() + "|" + v.getWindowStart().toEpochMilli(), label, v.getWindowEnd());
    }

    @Test
    void invalidVectorGoesToTheDeadLetterTopic() {
        start(Map.of("vigil.drift.reference", "training"));
        FeatureVector broken = Fixtures.vector("service:x", Fixtures.T0, new double[] {1, 2});
        features.pipeInput("service:x", broken, Fixtures.T0.toEpochMilli());
        var dlq = harness.deadLetters(ctx.topic(Topics.FEATURES_TELEMETRY));
        assertEquals(1, dlq.readValuesToList().size());
        assertTrue(reports.isEmpty());
    }
}
