package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.devstack.ChildProcessApp;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.TopicReader;
import dev.vigil.kit.topics.Topics;
import dev.vigil.schemas.Entities;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-entity adaptive state survives a crash: the same telemetry vectors go once through a detectors app that runs
 * undisturbed and once through one killed with SIGKILL part-way (its own JVM) and restarted; the adaptive scores of
 * both runs must be equal, window by window, with none missing and none written twice.
 */
class AdaptiveStateCrashIntegrationTest {
    private static final int ENTITIES = 3;
    private static final int WINDOWS = 1200;
    private static final int VECTORS = ENTITIES * WINDOWS;

    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @Test
    void aKilledAndRestartedDetectorsAppScoresAsOneThatRanThrough(@TempDir Path steady, @TempDir Path crashed) throws Exception {
        VigilConfig reference = config("steady", steady);
        VigilConfig killed = config("crashed", crashed);
        TopicAdmin.ensure(reference.clientProperties(), new Topics(reference).forApp(DetectorsApp.NAME));
        TopicAdmin.ensure(killed.clientProperties(), new Topics(killed).forApp(DetectorsApp.NAME));
        produce(reference);

        try (AppRunner app = AppRunner.start(new DetectorsApp(), reference)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)));
            awaitCommitted(reference, VECTORS, null);
        }
        Process child = ChildProcessApp.start(Main.class, killed);
        try {
            awaitCommitted(killed, VECTORS / 4, child);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertTrue(committed(killed) < VECTORS, "killed before the end: " + committed(killed));
        try (AppRunner app = AppRunner.start(new DetectorsApp(), killed)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)));
            awaitCommitted(killed, VECTORS, null);
        }

        Map<String, String> expected = adaptiveScores(reference);
        Map<String, String> actual = adaptiveScores(killed);
        assertEquals(VECTORS, expected.size(), "one adaptive record per vector");
        assertTrue(expected.values().stream().filter(v -> v.startsWith("SCORED")).count() > VECTORS / 2,
                "most windows are past the learning period");
        List<String> differences = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                differences.add(k + ": steady " + v + ", crashed " + actual.get(k));
            }
        });
        assertEquals(expected.size(), actual.size(), "records after the crash");
        assertTrue(differences.isEmpty(), differences.size() + " differ, e.g. " + differences.subList(0, Math.min(5, differences.size())));
    }

    private static VigilConfig config(String run, Path state) {
        Map<String, String> settings = new HashMap<>(stack.appSettings(state));
        settings.put("kafka.application.id", "vigil-detectors-adaptive-" + run);
        settings.put("vigil.topics.partitions", "2");
        // Frequent commits, so the kill lands between two of them part-way through the input.
        settings.put("kafka.commit.interval.ms", "100");
        settings.put("vigil.detectors.adaptive.learning.windows", "200");
        settings.put("vigil.topic." + Topics.FEATURES_TELEMETRY, "adaptive-crash." + Topics.FEATURES_TELEMETRY);
        settings.put("vigil.topic." + Topics.FEATURES_BGP, "adaptive-crash." + Topics.FEATURES_BGP);
        settings.put("vigil.topic." + Topics.SCORES, run + "." + Topics.SCORES);
        return VigilConfig.of(DetectorsApp.NAME, settings);
    }

    private static void produce(VigilConfig config) {
        Properties p = new Properties();
        p.putAll(config.clientProperties());
        String topic = new Topics(config).name(Topics.FEATURES_TELEMETRY);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(WINDOWS + 5));
        Random noise = new Random(42);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(FeatureVector.class, RegistrySettings.from(config), false))) {
            for (int w = 0; w < WINDOWS; w++) {
                for (int e = 0; e < ENTITIES; e++) {
                    double v = 50 + 20 * Math.sin(2 * Math.PI * w / 288.0) + noise.nextGaussian() + (w % 400 == 350 ? 80 : 0);
                    Instant at = start.plus(Duration.ofMinutes(w));
                    String entity = "metric:host" + e + "|cpu";
                    FeatureVector vector = new FeatureVector(entity, Entities.TELEMETRY_METRIC, at, at.plusSeconds(60),
                            List.of("mean", "max"), List.of(v, v + Math.abs(noise.nextGaussian())), 1L, "test");
                    producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), entity, vector));
                }
            }
            producer.flush();
        }
    }

    private static void awaitCommitted(VigilConfig config, long records, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (committed(config) < records) {
            assertTrue(child == null || child.isAlive(), "the child detectors app exited");
            assertTrue(System.nanoTime() < deadline, "committed " + committed(config) + " of " + records + " in time");
            Thread.sleep(20);
        }
    }

    private static long committed(VigilConfig config) throws Exception {
        return ChildProcessApp.committed(config, config.get("kafka.application.id", ""),
                new Topics(config).name(Topics.FEATURES_TELEMETRY));
    }

    /** Every committed adaptive record by entity and window: status, raw and calibrated score, verdict. */
    private static Map<String, String> adaptiveScores(VigilConfig config) {
        AvroDeserializer<DetectorScore> avro = new AvroDeserializer<>(DetectorScore.class, RegistrySettings.from(config));
        Map<String, String> out = new TreeMap<>();
        String topic = new Topics(config).name(Topics.SCORES);
        TopicReader.readToEnd(config.clientProperties(), topic, r -> {
            DetectorScore s = avro.deserialize(topic, r.value());
            if (s.getDetector().equals(AdaptiveScorer.DETECTOR)) {
                String key = s.getEntity() + "|" + s.getWindowStart();
                String value = s.getStatus() + " " + s.getRawScore() + " " + s.getScore() + " " + s.getAnomalous();
                assertEquals(null, out.put(key, value), "an adaptive record written twice: " + key);
                assertTrue(s.getStatus() == ScoreStatus.SCORED || s.getStatus() == ScoreStatus.UNSCORED);
            }
        });
        return out;
    }
}
