package dev.vigil.detectors;

import static dev.vigil.detectors.TestModels.bytes;
import static dev.vigil.detectors.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Algorithms;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorsTopologyTest {
    private static final String RULES = Algorithms.RULES;
    @TempDir
    Path stateDir;
    private AppContext ctx;
    private TopologyHarness harness;
    private TestInputTopic<String, FeatureVector> features;
    private TestInputTopic<String, ModelVersion> versions;
    private TestInputTopic<String, ModelArtifact> artifacts;
    private TestOutputTopic<String, DetectorScore> scores;
    private TestOutputTopic<String, DeadLetter> refusals;

    @BeforeEach
    void start() {
        harness = TopologyHarness.forApp(DetectorsApp.NAME).setting("vigil.detectors.adaptive.enabled", "false")
                .stateDir(stateDir).start(ctx -> new DetectorsApp().topology(ctx));
        ctx = harness.context();
        features = harness.input(Topics.FEATURES_BGP, FeatureVector.class);
        versions = harness.input(Topics.MODEL_VERSIONS, ModelVersion.class);
        artifacts = harness.input(Topics.MODEL_ARTIFACTS, ModelArtifact.class);
        scores = harness.output(Topics.SCORES, DetectorScore.class);
        refusals = harness.deadLetters(Topics.MODEL_VERSIONS);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** What ModelRegistryClient.publish writes: chunks, then the version record. */
    private ModelVersion publish(String algorithm, int v, ModelStage stage, byte[] artifact) {
        ModelVersion version = version(algorithm, v, stage, artifact);
        for (ModelArtifact chunk : TestModels.chunks(version, artifact, 64 * 1024)) {
            artifacts.pipeInput(ModelKeys.artifactChunk(chunk.getName(), chunk.getVersion(), chunk.getChunkIndex()), chunk);
        }
        versions.pipeInput(ModelKeys.version(version.getName(), v), ModelVersion.newBuilder(version)
                .setArtifactChunks(TestModels.chunks(version, artifact, 64 * 1024).size()).build());
        return version;
    }

    private void announce(ModelVersion v, ModelStage stage) {
        versions.pipeInput(ModelKeys.version(v.getName(), v.getVersion()), ModelRegistryClient.withStage(v, stage, "test"));
    }

    private List<FeatureVector> send(String entity, int count, long seed) {
        List<FeatureVector> sent = TestModels.vectors(entity, count, seed);
        sent.forEach(v -> features.pipeInput(v.getEntity(), v));
        return sent;
    }

    private double counter(String name, String... tags) {
        var search = ctx.metrics().find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    @Test
    void passesVectorsOfADomainWithoutModelsOnAsUnscored() {
        send("peer:a", 3, 1);
        List<DetectorScore> out = scores.readValuesToList();
        assertEquals(3, out.size());
        assertTrue(out.stream().allMatch(s -> s.getStatus() == ScoreStatus.UNSCORED && s.getDetector().equals("none")));
        assertEquals(3.0, counter(DetectorMetrics.UNSCORED, "domain", TestModels.DOMAIN, "reason", "no-model"));
    }

    @Test
    void scoresEveryVectorWithEveryProductionModelOfItsDomain() {
        publish(RULES, 1, ModelStage.PRODUCTION, bytes(RULES, 1));
        publish(Algorithms.ISOLATION_FOREST, 4, ModelStage.PRODUCTION, bytes(Algorithms.ISOLATION_FOREST, 1));
        List<FeatureVector> sent = send("peer:a", 5, 2);
        var out = scores.readKeyValuesToList();
        assertEquals(10, out.size());
        AnomalyModel rules = TestModels.model(RULES, 1);
        for (int i = 0; i < 5; i++) {
            DetectorScore forest = out.get(2 * i).value;
            DetectorScore rule = out.get(2 * i + 1).value;
            assertEquals("peer:a", out.get(2 * i).key);
            assertEquals(List.of("bgp-peer.isolation-forest", 4), List.of(forest.getModelName(), forest.getModelVersion()));
            assertEquals(List.of("bgp-peer.rules", 1), List.of(rule.getModelName(), rule.getModelVersion()));
            assertEquals(sent.get(i).getWindowStart(), rule.getWindowStart());
            assertEquals(rules.rawScore(VectorScorer.toArray(sent.get(i).getValues()), List.of()), rule.getRawScore());
        }
        assertEquals(5.0, counter(DetectorMetrics.SCORES, "detector", RULES, "shadow", "false"));
        assertEquals(5L, ctx.metrics().find(DetectorMetrics.LATENCY).tags("detector", RULES, "shadow", "false").timer().count());
    }

    @Test
    void feedsTheForecasterFromTheHistoryStore() {
        publish(Algorithms.FORECASTER, 1, ModelStage.PRODUCTION, bytes(Algorithms.FORECASTER, 1));
        List<FeatureVector> sent = send("peer:b", 6, 3);
        List<DetectorScore> out = scores.readValuesToList();
        AnomalyModel model = TestModels.model(Algorithms.FORECASTER, 1);
        List<double[]> rows = sent.stream().map(v -> VectorScorer.toArray(v.getValues())).toList();
        for (int i = 0; i < 6; i++) {
            List<double[]> history = rows.subList(Math.max(0, i - model.historyLength()), i);
            assertEquals(model.rawScore(rows.get(i), history), out.get(i).getRawScore(), "window " + i);
        }
    }

    @Test
    void scoresStagingVersionsInShadowNextToProduction() {
        publish(RULES, 1, ModelStage.PRODUCTION, bytes(RULES, 1));
        publish(RULES, 2, ModelStage.STAGING, bytes(RULES, 2));
        send("peer:a", 2, 4);
        List<String> out = scores.readValuesToList().stream().map(s -> "v" + s.getModelVersion() + (s.getShadow() ? "-shadow" : "")).toList();
        assertEquals(List.of("v1", "v2-shadow", "v1", "v2-shadow"), out);
    }

    @Test
    void swapsVersionsBetweenRecordsRefusesCorruptOnesAndRollsBack() {
        ModelVersion v1 = publish(RULES, 1, ModelStage.PRODUCTION, bytes(RULES, 1));
        send("peer:a", 3, 5);
        announce(v1, ModelStage.ARCHIVED);
        publish(RULES, 2, ModelStage.PRODUCTION, bytes(RULES, 2));
        send("peer:a", 3, 6);
        byte[] corrupt = bytes(RULES, 3);
        corrupt[corrupt.length - 10] ^= 0x33;
        publish(RULES, 3, ModelStage.PRODUCTION, corrupt);
        send("peer:a", 3, 7);
        announce(v1, ModelStage.PRODUCTION);
        send("peer:a", 3, 8);

        List<Integer> used = scores.readValuesToList().stream().map(DetectorScore::getModelVersion).toList();
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1), used);
        assertEquals(1.0, counter(DetectorMetrics.REFUSALS, "model", "bgp-peer.rules", "reason", "format"));
        assertEquals(3.0, counter(DetectorMetrics.SWAPS, "model", "bgp-peer.rules", "stage", "production"));

        assertTrue(refusals.isEmpty(), "reports go out with the periodic housekeeping");
        harness.driver().advanceWallClockTime(Duration.ofSeconds(2));
        var report = refusals.readKeyValue();
        assertEquals("bgp-peer.rules/3", report.key);
        assertEquals(Topics.MODEL_VERSIONS, report.value.getSourceTopic());
        assertEquals("model-refused-format", report.value.getErrorClass());
        assertTrue(report.value.getReason().contains("v2 keeps serving"), report.value.getReason());
        assertTrue(refusals.isEmpty());
    }

    @Test
    void sendsInvalidVectorsToTheDeadLetterTopic() {
        FeatureVector good = TestModels.vectors("peer:a", 1, 9).getFirst();
        FeatureVector bad = FeatureVector.newBuilder(good).setValues(good.getValues().subList(0, 2)).build();
        features.pipeInput("peer:a", bad);
        var dlq = harness.deadLetters(Topics.FEATURES_BGP);
        assertTrue(dlq.readValue().getReason().contains("6 feature names for 2 values"));
        assertTrue(scores.isEmpty());
    }
}
