package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.MetricSample;
import dev.vigil.cli.Apps;
import dev.vigil.devstack.DevStack;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five apps on a real broker and registry, fed a catalogue of undecodable records on every topic any of them
 * reads, between good records: every app stays live and ready, every bad record reaches the topic's dead-letter
 * queue once per app that reads it, with its original bytes, and the good telemetry around the bad records is
 * aggregated in full.
 */
class BadRecordFuzzIntegrationTest {
    /**
     * Each topic an app streams, and the apps that stream it. The retrainer also re-reads the feature, label and
     * model-version topics for every training run and registry view; it skips and counts unreadable records there
     * rather than dead-lettering them again on every read.
     */
    private static final Map<String, List<String>> READERS = new LinkedHashMap<>();

    static {
        READERS.put(Topics.BGP_UPDATES, List.of("aggregator"));
        READERS.put(Topics.TELEMETRY_EVENTS, List.of("aggregator"));
        READERS.put(Topics.TELEMETRY_METRICS, List.of("aggregator"));
        READERS.put(Topics.FEATURES_BGP, List.of("detectors", "drift-monitor"));
        READERS.put(Topics.FEATURES_TELEMETRY, List.of("detectors", "drift-monitor"));
        READERS.put(Topics.SCORES, List.of("ensemble", "drift-monitor"));
        READERS.put(Topics.LABELS, List.of("ensemble", "drift-monitor"));
        READERS.put(Topics.RETRAIN_REQUESTS, List.of("retrainer"));
        READERS.put(Topics.MODEL_VERSIONS, List.of("detectors", "ensemble", "drift-monitor"));
        READERS.put(Topics.MODEL_ARTIFACTS, List.of("detectors"));
    }

    /** Undecodable values, each a way a producer that is not Vigil's can get the wire format wrong. */
    static Map<String, byte[]> catalogue(String topic) {
        Random random = new Random(topic.hashCode());
        Map<String, byte[]> bad = new LinkedHashMap<>();
        byte[] noise = new byte[200];
        random.nextBytes(noise);
        noise[0] = 7;
        bad.put("random bytes", noise);
        bad.put("empty", new byte[0]);
        bad.put("one byte", new byte[] {0});
        bad.put("wrong magic byte", new byte[] {1, 0, 0, 0, 1, 2, 4, 6});
        bad.put("unknown schema id", ByteBuffer.allocate(9).put((byte) 0).putInt(0x7FFF_FFF0).put(new byte[] {2, 4, 6, 8}).array());
        bad.put("header only", new byte[] {0, 0, 0, 0});
        byte[] text = ("{\"topic\":\"" + topic + "\",\"json\":true}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad.put("json text", text);
        return bad;
    }

    @Test
    void everyAppSurvivesUndecodableRecordsOnEveryTopicItReads(@TempDir Path state) throws Exception {
        try (DevStack stack = DevStack.start()) {
            Map<String, String> settings = DemoSettings.forStack(stack, state);
            List<AppRunner> runners = DemoRun.startAll(Apps.ALL, settings);
            try {
                RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
                Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                int good = 0;
                try (var producer = producer(stack)) {
                    AvroSerializer<MetricSample> samples = new AvroSerializer<>(MetricSample.class, registry, true);
                    for (var topic : READERS.keySet()) {
                        // Good metric samples between the bad records of every topic, spread over three 5-minute windows.
                        for (int i = 0; i < 3; i++) {
                            MetricSample sample = sample(start.plus(Duration.ofMinutes(good)), 40 + good % 7);
                            producer.send(new ProducerRecord<>(Topics.TELEMETRY_METRICS, key(sample),
                                    samples.serialize(Topics.TELEMETRY_METRICS, sample))).get();
                            good++;
                        }
                        for (var bad : catalogue(topic).entrySet()) {
                            producer.send(new ProducerRecord<>(topic, "fuzz|" + bad.getKey(), bad.getValue())).get();
                        }
                    }
                    // Closes the last window of good samples (past the grace period).
                    MetricSample closing = sample(start.plus(Duration.ofMinutes(good + 60)), 40);
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY_METRICS, key(closing),
                            samples.serialize(Topics.TELEMETRY_METRICS, closing))).get();
                }
                Map<String, List<DeadLetter>> letters = awaitLetters(stack, registry);
                for (var topic : READERS.entrySet()) {
                    List<DeadLetter> ofTopic = letters.getOrDefault(Topics.dlq(topic.getKey()), List.of());
                    for (String app : topic.getValue()) {
                        List<String> sent = catalogue(topic.getKey()).values().stream().map(HexFormat.of()::formatHex).sorted().toList();
                        List<String> lettered = ofTopic.stream().filter(l -> l.getApp().equals(app)).filter(l -> l.getValue() != null)
                                .map(l -> HexFormat.of().formatHex(bytes(l.getValue()))).sorted().toList();
                        assertEquals(sent, lettered, app + " on " + topic.getKey() + ": each bad record once, original bytes; got "
                                + describe(ofTopic));
                    }
                }
                long aggregated = aggregatedEvents(stack, registry);
                assertEquals(good, aggregated, "every good metric sample around the bad records is counted in a feature vector");
                for (AppRunner runner : runners) {
                    assertEquals(200, get(runner.httpPort(), "/health/live"));
                    assertEquals(200, get(runner.httpPort(), "/health/ready"));
                }
            } finally {
                runners.reversed().forEach(AppRunner::close);
            }
        }
    }

    private static MetricSample sample(Instant at, double value) {
        return MetricSample.newBuilder().setSource("fuzz-host").setMetric("cpu").setTimestamp(at).setValue(value).build();
    }

    private static String key(MetricSample s) {
        return dev.vigil.schemas.Entities.metric(s);
    }

    private static KafkaProducer<String, byte[]> producer(DevStack stack) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(DevStack stack, String group) {
        Properties p = CommittedReads.inGroup(stack.clientProperties(), group);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Dead letters by DLQ topic, read until the expected number has arrived (and a little longer, to see extras). */
    private static Map<String, List<DeadLetter>> awaitLetters(DevStack stack, RegistrySettings registry) {
        int expected = READERS.entrySet().stream().mapToInt(e -> e.getValue().size() * catalogue(e.getKey()).size()).sum();
        var reader = new AvroDeserializer<>(DeadLetter.class, registry);
        Map<String, List<DeadLetter>> out = new TreeMap<>();
        try (var consumer = consumer(stack, "fuzz-dlq-reader")) {
            consumer.subscribe(READERS.keySet().stream().map(Topics::dlq).toList());
            long deadline = System.currentTimeMillis() + 120_000;
            long extraUntil = Long.MAX_VALUE;
            int count = 0;
            while (System.currentTimeMillis() < Math.min(deadline, extraUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(reader.deserialize(r.topic(), r.value()));
                    count++;
                }
                if (count >= expected && extraUntil == Long.MAX_VALUE) {
                    extraUntil = System.currentTimeMillis() + 5_000;
                }
            }
        }
        return out;
    }

    /** Events counted into the fuzz host's feature vectors. */
    private static long aggregatedEvents(DevStack stack, RegistrySettings registry) {
        var reader = new AvroDeserializer<>(dev.vigil.avro.FeatureVector.class, registry);
        long events = 0;
        try (var consumer = consumer(stack, "fuzz-features-reader")) {
            consumer.subscribe(List.of(Topics.FEATURES_TELEMETRY));
            long deadline = System.currentTimeMillis() + 60_000;
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - quietSince < 10_000) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).startsWith("fuzz|")) {
                        continue; // one of this test's own bad records
                    }
                    var vector = reader.deserialize(r.topic(), r.value());
                    if (vector.getEntity().toString().contains("fuzz-host")) {
                        events += vector.getEventCount();
                        quietSince = System.currentTimeMillis();
                    }
                }
            }
        }
        return events;
    }

    private static String describe(List<DeadLetter> letters) {
        TreeSet<String> lines = new TreeSet<>();
        letters.forEach(l -> lines.add(l.getApp() + ": " + l.getReason()));
        return lines.toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static int get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
