package dev.vigil.ensemble.streams;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureContribution;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.registry.RefusalReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/** The ensemble's real topology on the kit's {@link TopologyHarness}, with helpers to write its inputs and read its outputs. */
final class EnsembleDriver implements AutoCloseable {
    static final Instant WALL_START = Instant.parse("2026-03-01T00:00:00Z");

    final AppContext ctx;
    final EnsembleMetrics metrics;
    private final TopologyHarness harness;
    private final TestInputTopic<String, DetectorScore> scores;
    private final TestInputTopic<String, Label> labels;
    private final TestInputTopic<String, ModelVersion> versions;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, RetrainRequest> requests;

    EnsembleDriver(Path stateDir, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        // Tests drive event time; wall-clock rules are switched on where a test is about them.
        all.put("vigil.ensemble.wait.clock", "event");
        all.put("vigil.ensemble.incident.clock", "event");
        all.put("vigil.ensemble.correlation.hold", "10s");
        all.putAll(settings);
        harness = TopologyHarness.forApp(EnsembleApp.NAME).settings(all).stateDir(stateDir).wallClockStart(WALL_START)
                .start(ctx -> new EnsembleApp().topology(ctx));
        ctx = harness.context();
        metrics = new EnsembleMetrics(ctx.metrics());
        scores = harness.input(Topics.SCORES, DetectorScore.class);
        labels = harness.input(Topics.LABELS, Label.class);
        versions = harness.input(Topics.MODEL_VERSIONS, ModelVersion.class);
        alerts = harness.output(Topics.ALERTS, Alert.class);
        requests = harness.output(Topics.RETRAIN_REQUESTS, RetrainRequest.class);
    }

    static DetectorScore score(String entity, String domain, int minute, String detector, int version, double score, boolean shadow) {
        return DetectorScore.newBuilder().setEntity(entity).setDomain(domain)
                .setWindowStart(Instant.ofEpochMilli(Fixtures.start(minute))).setWindowEnd(Instant.ofEpochMilli(Fixtures.end(minute)))
                .setDetector(detector).setModelName(domain + "." + detector).setModelVersion(version).setStatus(ScoreStatus.SCORED)
                .setRawScore(score * 2).setScore(score).setThreshold(1.0).setAnomalous(score >= 0.5)
                .setTopFeatures(List.of(new FeatureContribution(detector + ".rate", 40 * score, 10.0, 8 * score)))
                .setShadow(shadow).setEventCount(100).setScoredAt(WALL_START).build();
    }

    /** One production score. */
    void score(String entity, String domain, int minute, String detector, double score) {
        pipe(score(entity, domain, minute, detector, 1, score, false));
    }

    /** The three default detectors' scores of one window. */
    void window(String entity, String domain, int minute, double forest, double forecaster, double rules) {
        score(entity, domain, minute, "isolation-forest", forest);
        score(entity, domain, minute, "forecaster", forecaster);
        score(entity, domain, minute, "rules", rules);
    }

    void pipe(DetectorScore score) {
        scores.pipeInput(score.getEntity(), score);
    }

    void label(String entity, String domain, int minute, boolean anomalous) {
        Label label = Label.newBuilder().setEntity(entity).setDomain(domain).setWindowStart(Instant.ofEpochMilli(Fixtures.start(minute)))
                .setWindowEnd(Instant.ofEpochMilli(Fixtures.end(minute))).setAnomalous(anomalous).setSource("analyst")
                .setLabelledAt(WALL_START).build();
        labels.pipeInput(entity + "|" + Fixtures.start(minute), label);
    }

    void announce(String domain, String detector, int version, ModelStage stage) {
        Instant at = WALL_START.plusSeconds(version);
        ModelVersion v = ModelVersion.newBuilder().setName(domain + "." + detector).setVersion(version).setDomain(domain)
                .setAlgorithm(detector).setStage(stage)
                .setTrainingData(TrainingData.newBuilder().setTopic("features.telemetry").setFromTime(at).setToTime(at)
                        .setSampleCount(1000).setLabelledCount(0).build())
                .setThreshold(1.0).setFeatureNames(List.of("rate")).setArtifactSha256("00").setArtifactSize(1)
                .setParentVersion(null).setRequestId(null).setStageHistory(List.of(new StageChange(stage, at, "test")))
                .setCreatedAt(at).build();
        versions.pipeInput(v.getName() + "/" + version, v);
    }

    /** The detectors' report that they refused a version, on model.versions.dlq. */
    void refuse(String domain, String detector, int version) {
        DeadLetter letter = RefusalReport.letter("detectors", Topics.MODEL_VERSIONS, domain + "." + detector, version,
                "integrity", "SHA-256 mismatch");
        harness.input(Topics.dlq(Topics.MODEL_VERSIONS), DeadLetter.class).pipeInput(domain + "." + detector + "/" + version, letter);
    }

    /** Any bytes on model.versions, as a broken or hostile producer may write them. */
    void rawVersion(String key, byte[] value) {
        harness.rawInput(Topics.MODEL_VERSIONS).pipeInput(key, value);
    }

    /** A tombstone on the labels topic. */
    void labelTombstone(String key) {
        labels.pipeInput(key, null);
    }

    List<DeadLetter> labelDeadLetters() {
        return harness.deadLetters(Topics.LABELS).readValuesToList();
    }

    void advanceWallClock(Duration d) {
        harness.driver().advanceWallClockTime(d);
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<org.apache.kafka.streams.test.TestRecord<String, Alert>> alertRecords() {
        return alerts.readRecordsToList();
    }

    List<RetrainRequest> requests() {
        return requests.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return harness.deadLetters(Topics.SCORES).readValuesToList();
    }

    double counter(String name, String... tags) {
        return metrics.counter(name, tags);
    }

    @Override
    public void close() {
        harness.close();
    }
}
