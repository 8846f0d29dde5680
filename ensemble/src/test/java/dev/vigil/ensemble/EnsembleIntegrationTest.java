package dev.vigil.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureContribution;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.devstack.OutsideClients;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.serde.WireFormat;
import dev.vigil.kit.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ensemble on a real broker and registry: detector scores in, alerts out, and the alerts read as a
 * downstream consumer would: kcat fetches the raw bytes, the registry's REST API gives the writer schema
 * for the id in them, and Apache avro-tools decodes the body.
 */
class EnsembleIntegrationTest {
    private static final String SVC = "telemetry-service";
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @TempDir
    Path stateDir;

    @Test
    void scoresBecomeAlertsThatOutsideClientsCanRead() throws Exception {
        Map<String, String> settings = stack.appSettings(stateDir);
        settings.put("vigil.ensemble.detectors.telemetry-service", "isolation-forest,forecaster,rules");
        settings.put("vigil.ensemble.wait", "2s");
        settings.put("vigil.ensemble.correlation.hold", "1s");
        settings.put("vigil.ensemble.incident.quiet", "1h");
        try (AppRunner app = AppRunner.start(new EnsembleApp(), VigilConfig.of(EnsembleApp.NAME, settings))) {
            assertTrue(app.awaitReady(Duration.ofSeconds(45)), "ensemble did not reach RUNNING");
            Instant windowStart = Instant.parse("2026-03-01T12:00:00Z");
            // Checkout: all three detectors report. Cart: rules never does, so the 2 s wall-clock wait releases it.
            produce(List.of(score("service:checkout", windowStart, "isolation-forest", 0.93),
                    score("service:checkout", windowStart, "forecaster", 0.81),
                    score("service:checkout", windowStart, "rules", 0.72),
                    score("service:cart", windowStart, "isolation-forest", 0.9),
                    score("service:cart", windowStart, "forecaster", 0.7)));

            Map<String, Alert> alerts = consumeAlerts(2);
            Alert checkout = alerts.get("service:checkout");
            assertEquals(AlertStatus.OPEN, checkout.getStatus());
            assertEquals((0.93 + 0.81 + 0.72) / 3, checkout.getCombinedScore(), 1e-9);
            assertEquals(3, checkout.getDetectorScores().size());
            assertTrue(checkout.getMissingDetectors().isEmpty());
            assertEquals(windowStart, checkout.getFirstWindowStart());
            assertEquals(List.of("rules"), alerts.get("service:cart").getMissingDetectors());

            assertReadableByOutsideClients(alerts);
            String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
            assertTrue(metrics.contains("vigil_ensemble_alerts_total"), "alert counter on /metrics");
        }
    }

    private static void assertReadableByOutsideClients(Map<String, Alert> alerts) throws Exception {
        byte[] raw = OutsideClients.kcatFirstValue(stack.bootstrapServers(), Topics.ALERTS, 0);
        assertEquals(0, raw[0], "magic byte");
        int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();
        String schema = new ObjectMapper().readTree(get(stack.registryUrl() + "/schemas/ids/" + schemaId)).get("schema").asText();
        byte[] body = Arrays.copyOfRange(raw, WireFormat.HEADER_SIZE, raw.length);
        JsonNode json = new ObjectMapper().readTree(OutsideClients.avroToolsFragToJson(schema, body));

        Alert expected = alerts.get(json.get("entity").asText());
        assertNotNull(expected, "kcat's record is one of the alerts: " + json);
        assertEquals(expected.getAlertId(), json.get("alertId").asText());
        assertEquals("OPEN", json.get("status").asText());
        assertEquals(SVC, json.get("domain").asText());
        assertEquals(expected.getSeverity().name(), json.get("severity").asText());
        assertEquals(expected.getCombinedScore(), json.get("combinedScore").asDouble(), 1e-12);
        assertEquals(expected.getFirstWindowStart().toEpochMilli(), json.get("firstWindowStart").asLong());
        JsonNode verdicts = json.get("detectorScores");
        assertEquals(expected.getDetectorScores().size(), verdicts.size());
        assertEquals("telemetry-service.forecaster", verdicts.get(0).get("modelName").asText());
        assertEquals(4, verdicts.get(0).get("modelVersion").asInt());
        assertEquals(expected.getMissingDetectors().size(), json.get("missingDetectors").size());
        assertEquals(expected.getTopFeatures().getFirst().getFeature(), json.get("topFeatures").get(0).get("feature").asText());
    }

    private static DetectorScore score(String entity, Instant windowStart, String detector, double score) {
        return DetectorScore.newBuilder().setEntity(entity).setDomain(SVC).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plusSeconds(300)).setDetector(detector).setModelName(SVC + "." + detector)
                .setModelVersion(4).setStatus(ScoreStatus.SCORED).setRawScore(score).setScore(score).setThreshold(0.5)
                .setAnomalous(score >= 0.5)
                .setTopFeatures(List.of(new FeatureContribution(detector + ".error_rate", 0.3, 0.01, 12 * score)))
                .setShadow(false).setEventCount(500).setScoredAt(Instant.now()).build();
    }

    private static void produce(List<DetectorScore> scores) throws Exception {
        var serializer = new AvroSerializer<>(DetectorScore.class, RegistrySettings.of(stack.registryUrl()), false);
        try (var producer = new KafkaProducer<>(clientProps(), new StringSerializer(), new ByteArraySerializer())) {
            for (DetectorScore s : scores) {
                producer.send(new ProducerRecord<>(Topics.SCORES, s.getEntity(), serializer.serialize(Topics.SCORES, s))).get();
            }
        }
    }

    private static Map<String, Alert> consumeAlerts(int count) {
        Properties p = clientProps();
        p.put("group.id", "ensemble-it");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        var deserializer = new AvroDeserializer<>(Alert.class, RegistrySettings.of(stack.registryUrl()));
        Map<String, Alert> byEntity = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            long deadline = System.currentTimeMillis() + 40_000;
            while (byEntity.size() < count && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(250))) {
                    Alert alert = deserializer.deserialize(Topics.ALERTS, r.value());
                    assertEquals(alert.getAlertId(), r.key(), "alerts are keyed by alert id");
                    byEntity.put(alert.getEntity(), alert);
                }
            }
        }
        assertEquals(count, byEntity.size(), "alerts seen: " + byEntity.keySet());
        return byEntity;
    }

    private static Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
