package dev.vigil.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift monitor on a real broker and registry: a production version, six stationary hours of features
 * and scores, then a shift; drift reports arrive for every closed hour and exactly one retrain request.
 */
class DriftMonitorIntegrationTest {
    private static final int PER_HOUR = 250;
    private static final int STATIONARY_HOURS = 6;
    private static final int SHIFTED_HOURS = 4;
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @TempDir
    Path stateDir;

    @Test
    void shiftInjectedOnTheBrokerGivesExactlyOneRetrainRequest() throws Exception {
        Map<String, String> settings = stack.appSettings(stateDir);
        settings.put("kafka.commit.interval.ms", "200");
        settings.put("vigil.drift.reference", "training");
        VigilConfig config = VigilConfig.of(DriftMonitorApp.NAME, settings);
        RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
        // Recent data time, so the topics' time-based retention never removes what the test just wrote.
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24));

        try (AppRunner app = AppRunner.start(new DriftMonitorApp(), config)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(45)), "drift monitor did not become ready");
            produceData(registry, base);

            int closedHours = STATIONARY_HOURS + SHIFTED_HOURS - 1;
            List<DriftReport> reports = new ArrayList<>();
            List<RetrainRequest> requests = new ArrayList<>();
            try (KafkaConsumer<String, DriftReport> reportConsumer = consumer(registry, DriftReport.class, Topics.DRIFT_REPORTS);
                 KafkaConsumer<String, RetrainRequest> requestConsumer = consumer(registry, RetrainRequest.class,
                         Topics.RETRAIN_REQUESTS)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (reports.size() < closedHours && System.nanoTime() < deadline) {
                    reportConsumer.poll(Duration.ofMillis(200)).forEach(r -> reports.add(r.value()));
                    requestConsumer.poll(Duration.ofMillis(50)).forEach(r -> requests.add(r.value()));
                }
                // Whatever was committed together with the last report is readable now; one more poll picks it up.
                requestConsumer.poll(Duration.ofSeconds(1)).forEach(r -> requests.add(r.value()));
            }
            assertEquals(closedHours, reports.size(), "one report per closed hour");
            reports.subList(0, STATIONARY_HOURS).forEach(r -> assertTrue(!r.getConfirmed(), String.join("\n", r.getReasons())));
            reports.forEach(r -> assertEquals(PER_HOUR, r.getScore().getCount(), "every score of the hour was counted"));
            DriftReport confirmed = reports.get(STATIONARY_HOURS + 1);
            assertTrue(confirmed.getConfirmed() && confirmed.getRetrainRequested(), String.join("\n", confirmed.getReasons()));
            assertEquals(1, requests.size(), "exactly one retrain request");
            RetrainRequest request = requests.getFirst();
            assertEquals(Fixtures.MODEL, request.getModel());
            assertEquals("drift-monitor:" + Fixtures.MODEL + ":v1:" + base.plus(Duration.ofHours(STATIONARY_HOURS)),
                    request.getRequestId());

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("vigil_drift_monitor_ks{") && metrics.contains("feature=\"latency_p50\""),
                    "ks gauges on /metrics");
            assertTrue(metrics.contains("vigil_drift_monitor_alert_rate"), "alert-rate gauge on /metrics");
        }
    }

    /**
     * Produces the data hour by hour, as it would arrive live, and waits after each hour until the app has
     * consumed it: a backlog replayed at once would let one input partition run hours ahead of another.
     */
    private static void produceData(RegistrySettings registry, Instant base) throws Exception {
        Fixtures data = new Fixtures(11);
        var versions = new AvroSerializer<>(ModelVersion.class, registry, false);
        var vectors = new AvroSerializer<>(FeatureVector.class, registry, false);
        var scores = new AvroSerializer<>(DetectorScore.class, registry, false);
        try (KafkaProducer<String, byte[]> producer = producer(); Admin admin = Admin.create(clientProps())) {
            ModelVersion v1 = data.productionVersion(3000);
            send(producer, Topics.MODEL_VERSIONS, v1.getName() + "/1", versions.serialize(Topics.MODEL_VERSIONS, v1),
                    v1.getCreatedAt());
            for (int hour = 0; hour < STATIONARY_HOURS + SHIFTED_HOURS; hour++) {
                double shift = hour < STATIONARY_HOURS ? 0 : 1.0;
                for (FeatureVector v : data.hour(base, hour, PER_HOUR, shift)) {
                    send(producer, Topics.FEATURES_TELEMETRY, v.getEntity(),
                            vectors.serialize(Topics.FEATURES_TELEMETRY, v), v.getWindowEnd());
                    send(producer, Topics.SCORES, v.getEntity(),
                            scores.serialize(Topics.SCORES, Fixtures.score(v, false)), v.getWindowEnd());
                }
                producer.flush();
                awaitConsumed(admin, List.of(Topics.MODEL_VERSIONS, Topics.FEATURES_TELEMETRY, Topics.SCORES));
            }
        }
    }

    /** Waits until the app's consumer group has committed every input offset. */
    private static void awaitConsumed(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("vigil-" + DriftMonitorApp.NAME)
                    .partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            if (done) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the drift monitor did not consume its inputs within 30 s");
    }

    private static Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value,
                             Instant timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static <T extends SpecificRecord> KafkaConsumer<String, T> consumer(RegistrySettings registry, Class<T> type,
                                                                              String topic) {
        Properties p = CommittedReads.inGroup(stack.clientProperties(), "drift-it-" + UUID.randomUUID());
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(type, registry));
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
