package dev.vigil.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.TrainingData;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.sketches.Sketch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real stationary data through the whole topology: the five anomaly-free NAB series (14 days at 5-minute
 * steps, daily seasonality) as the features of one metric model, checked in daily windows against a
 * training baseline of the first three days. Daily windows, because an hourly window of a daily cycle is
 * not the same distribution as the whole day, which is real drift of a kind the operator must choose not to see.
 */
class NabStationaryTest {
    private static final String DOMAIN = "telemetry-metric";
    private static final String MODEL = DOMAIN + ".forecaster";
    private static List<NabSeries> series;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void read() throws Exception {
        series = new ArrayList<>();
        for (String name : NabSeries.NO_ANOMALY) {
            series.add(NabSeries.read(name));
        }
    }

    private record Run(List<DriftReport> reports, List<RetrainRequest> requests) {
    }

    /** Runs the 14 days through the topology; from {@code shiftFromDay} on, art_noisy is raised by {@code shift}. */
    private Run run(int shiftFromDay, double shift) {
        Clock clock = Clock.fixed(Instant.parse("2014-05-01T00:00:00Z"), ZoneOffset.UTC);
        try (TopologyHarness app = TopologyHarness.forApp(DriftMonitorApp.NAME)
                .settings(Map.of("vigil.drift.partitions", "1", "vigil.drift.window", "1d")).stateDir(stateDir)
                .start(ctx -> new DriftMonitorApp(clock).topology(ctx))) {
            AppContext ctx = app.context();
            var versions = app.input(ctx.topic(Topics.MODEL_VERSIONS), ModelVersion.class);
            var features = app.input(ctx.topic(Topics.FEATURES_TELEMETRY), FeatureVector.class);
            ModelVersion v1 = trainedOnFirstDays(3);
            versions.pipeInput(MODEL + "/1", v1, v1.getCreatedAt());
            List<Instant> times = series.getFirst().times();
            Instant start = times.getFirst();
            for (int i = 0; i < times.size(); i++) {
                boolean shifted = Duration.between(start, times.get(i)).toDays() >= shiftFromDay;
                FeatureVector v = vector(i, shifted ? shift : 0);
                features.pipeInput("metric:nab", v, v.getWindowEnd());
            }
            return new Run(app.output(ctx.topic(Topics.DRIFT_REPORTS), DriftReport.class).readValuesToList(),
                    app.output(ctx.topic(Topics.RETRAIN_REQUESTS), RetrainRequest.class).readValuesToList());
        }
    }

    private static FeatureVector vector(int i, double noisyShift) {
        List<Double> values = new ArrayList<>();
        for (NabSeries s : series) {
            values.add(s.values()[i] + (s.name().equals("art_noisy") ? noisyShift : 0));
        }
        Instant at = series.getFirst().times().get(i);
        return FeatureVector.newBuilder().setEntity("metric:nab").setDomain(DOMAIN).setWindowStart(at)
                .setWindowEnd(at.plus(Duration.ofMinutes(5))).setFeatureNames(NabSeries.NO_ANOMALY).setValues(values)
                .setEventCount(1).setSource("replay").build();
    }

    private static ModelVersion trainedOnFirstDays(int days) {
        int n = days * 288;
        Map<String, ByteBuffer> baseline = new LinkedHashMap<>();
        for (NabSeries s : series) {
            Sketch sketch = new Sketch();
            for (int i = 0; i < n; i++) {
                sketch.add(s.values()[i]);
            }
            baseline.put(s.name(), ByteBuffer.wrap(sketch.toBytes()));
        }
        Instant from = series.getFirst().times().getFirst();
        Instant to = from.plus(Duration.ofDays(days));
        return ModelVersion.newBuilder().setName(MODEL).setVersion(1).setDomain(DOMAIN).setAlgorithm("forecaster")
                .setStage(ModelStage.PRODUCTION)
                .setTrainingData(new TrainingData("features.telemetry", from, to, Map.of(), Map.of(), (long) n, 0L))
                .setThreshold(1).setFeatureNames(NabSeries.NO_ANOMALY).setBaselineSketches(baseline)
                .setArtifactSha256("00").setArtifactSize(1).setCreatedAt(to).build();
    }

    @Test
    void anomalyFreeSeriesRaiseNoDriftOverTwoWeeks() {
        Run run = run(Integer.MAX_VALUE, 0);
        assertEquals(13, run.reports().size(), "days 1 to 13 close; day 14 is still open");
        for (DriftReport r : run.reports()) {
            assertFalse(r.getConfirmed(), () -> String.join("\n", r.getReasons()));
            assertTrue(r.getConsecutiveWindows() == 0, () -> String.join("\n", r.getReasons()));
            r.getFeatures().forEach(f -> assertEquals(288, f.getCount()));
        }
        assertTrue(run.requests().isEmpty());
    }

    @Test
    void shiftOfOneSeriesIsConfirmedOnItsSecondDayAndRequestedAgainOnceAfterTheCooldown() {
        Run run = run(8, 5.0);
        List<DriftReport> reports = run.reports();
        reports.subList(0, 8).forEach(r -> assertFalse(r.getConfirmed(), () -> String.join("\n", r.getReasons())));
        assertEquals(1, reports.get(8).getConsecutiveWindows(), String.join("\n", reports.get(8).getReasons()));
        assertTrue(reports.get(9).getConfirmed() && reports.get(9).getRetrainRequested());
        // Nothing replaces version 1 here, so the episode outlives the 12 h cooldown: one more request, then no more.
        assertEquals(2, run.requests().size(), run.requests().toString());
        assertTrue(run.requests().get(1).getRequestId().endsWith("#2"), run.requests().get(1).getRequestId());
        assertEquals(run.requests().getFirst().getChangedSince(), run.requests().get(1).getChangedSince());
        assertTrue(run.requests().getFirst().getDriftFigures().containsKey("ks.art_noisy"));
    }
}
