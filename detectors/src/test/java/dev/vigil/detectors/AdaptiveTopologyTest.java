package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.schemas.Entities;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detectors app's per-entity adaptive detector through the topology, with default domains and a short learning period. */
class AdaptiveTopologyTest {
    private static final int LEARNING = 40;
    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyHarness harness;
    private TestInputTopic<String, FeatureVector> telemetry;
    private TestInputTopic<String, FeatureVector> bgp;
    private TestOutputTopic<String, DetectorScore> scores;

    @BeforeEach
    void start() {
        harness = TopologyHarness.forApp(DetectorsApp.NAME).settings(Map.of("vigil.detectors.adaptive.learning.windows",
                Integer.toString(LEARNING), "vigil.detectors.adaptive.expiry", "2d")).stateDir(stateDir)
                .start(ctx -> new DetectorsApp().topology(ctx));
        telemetry = harness.input(Topics.FEATURES_TELEMETRY, FeatureVector.class);
        bgp = harness.input(Topics.FEATURES_BGP, FeatureVector.class);
        scores = harness.output(Topics.SCORES, DetectorScore.class);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static FeatureVector vector(String entity, String domain, int minute, double value) {
        Instant at = START.plus(Duration.ofMinutes(minute));
        return new FeatureVector(entity, domain, at, at.plusSeconds(60), List.of("mean", "max"), List.of(value, value + 1), 1L, "test");
    }

    private void send(TestInputTopic<String, FeatureVector> topic, FeatureVector v) {
        topic.pipeInput(v.getEntity(), v, v.getWindowStart());
    }

    private List<DetectorScore> adaptive() {
        return scores.readValuesToList().stream().filter(s -> s.getDetector().equals(AdaptiveScorer.DETECTOR)).toList();
    }

    @Test
    void learnsThenScoresTelemetryMetricsFlagsANewLevelAndLeavesBgpToTheTrainedModels() {
        String entity = "metric:host1|cpu";
        for (int m = 0; m < 300; m++) {
            send(telemetry, vector(entity, Entities.TELEMETRY_METRIC, m, 10 + (m % 6)));
            send(bgp, vector("peer:rrc00|AS1|192.0.2.1", Entities.BGP_PEER, m, 5));
        }
        send(telemetry, vector(entity, Entities.TELEMETRY_METRIC, 300, 500));
        List<DetectorScore> out = adaptive();
        assertEquals(301, out.size(), "one adaptive record per telemetry-metric vector, none for bgp-peer");
        assertTrue(out.stream().allMatch(s -> s.getEntity().equals(entity)
                && s.getModelName().equals(Entities.TELEMETRY_METRIC + ".adaptive")));
        assertTrue(out.subList(0, LEARNING).stream().allMatch(s -> s.getStatus() == ScoreStatus.UNSCORED), "learning");
        assertTrue(out.subList(LEARNING, 300).stream().allMatch(s -> s.getStatus() == ScoreStatus.SCORED && !s.getAnomalous()),
                "a steady rhythm raises no alarm");
        DetectorScore spike = out.get(300);
        assertTrue(spike.getAnomalous(), spike.toString());
        assertEquals(1.0, spike.getScore(), 1e-9);

        // The same window again is not learned twice.
        send(telemetry, vector(entity, Entities.TELEMETRY_METRIC, 300, 10));
        assertEquals(ScoreStatus.UNSCORED, adaptive().getFirst().getStatus());
    }

    @Test
    void theAdaptiveScoreComesBeforeTheModelsScoresOfTheSameVector() {
        // The ensemble releases a window once every announced model has reported; the adaptive detector is not announced.
        send(telemetry, vector("service:checkout", Entities.TELEMETRY_SERVICE, 0, 1));
        List<DetectorScore> out = scores.readValuesToList();
        assertEquals(2, out.size(), out.toString());
        assertEquals(List.of(AdaptiveScorer.DETECTOR, VectorScorer.NO_DETECTOR), out.stream().map(DetectorScore::getDetector).toList());
    }

    @Test
    void anEntitySilentLongerThanTheExpiryLosesItsState() {
        send(telemetry, vector("metric:quiet|cpu", Entities.TELEMETRY_METRIC, 0, 1));
        KeyValueStore<String, byte[]> store = harness.driver().getKeyValueStore(DetectorsTopology.ADAPTIVE_STORE);
        assertTrue(store.get("metric:quiet|cpu") != null);
        // Another entity moves stream time three days on; the hourly scan deletes the silent one's state.
        for (int h = 0; h <= 72; h++) {
            send(telemetry, vector("metric:busy|cpu", Entities.TELEMETRY_METRIC, h * 60, 1));
        }
        assertEquals(null, store.get("metric:quiet|cpu"));
        try (var all = store.all()) {
            assertEquals(List.of("metric:busy|cpu"), toKeys(all));
        }
    }

    private static List<String> toKeys(java.util.Iterator<KeyValue<String, byte[]>> all) {
        List<String> keys = new java.util.ArrayList<>();
        all.forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }
}
