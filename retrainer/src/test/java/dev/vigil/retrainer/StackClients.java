package dev.vigil.retrainer;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Outside clients of an integration test: what the aggregator, analysts and a detector would do. */
final class StackClients {
    private final String bootstrap;
    private final RegistrySettings registry;
    private final String prefix;
    /** Start of the first generated window, shared by the features and the labels of one test. */
    private final long start = Instant.now().toEpochMilli() - 200 * 60_000L;

    StackClients(String bootstrap, String registryUrl, String prefix) {
        this.bootstrap = bootstrap;
        this.registry = RegistrySettings.of(registryUrl);
        this.prefix = prefix;
    }

    /** Settings that give every topic this test's prefix, so tests sharing a broker do not see each other. */
    Map<String, String> topicSettings() {
        Map<String, String> settings = new HashMap<>();
        for (String topic : List.of(Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.RETRAIN_REQUESTS, Topics.MODEL_VERSIONS,
                Topics.MODEL_ARTIFACTS, Topics.LABELS, Topics.LABEL_REQUESTS)) {
            settings.put("vigil.topic." + topic, topic(topic));
        }
        return settings;
    }

    String topic(String defaultName) {
        return prefix + "." + defaultName;
    }

    /** Synthetic BGP peer windows (12 features, 2% anomalies) starting 200 minutes ago; returns the truth. */
    TrainingSet sendFeatures(int entities, int windows) {
        return sendFeatures(entities, windows, "peer:");
    }

    /** The same, for entities named {@code <entityPrefix><n>}, so a second batch adds new windows. */
    TrainingSet sendFeatures(int entities, int windows, String entityPrefix) {
        return sendFeatures(entities, windows, entityPrefix, Duration.ZERO);
    }

    /** The same, with every window {@code later} after the first batch's. */
    TrainingSet sendFeatures(int entities, int windows, String entityPrefix, Duration later) {
        TrainingSet set = new SyntheticData(12, 7).generate(entities, windows, 0.02, 11);
        List<ProducerRecord<String, FeatureVector>> records = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            long ws = start + later.toMillis() + set.timestamps()[i];
            List<Double> values = java.util.Arrays.stream(set.features()[i]).boxed().toList();
            FeatureVector v = new FeatureVector(entityPrefix + set.entities()[i], "bgp-peer", Instant.ofEpochMilli(ws),
                    Instant.ofEpochMilli(ws + 60_000), set.featureNames(), values, 10L, "aggregator");
            records.add(new ProducerRecord<>(topic(Topics.FEATURES_BGP), null, ws + 60_000, v.getEntity(), v));
        }
        send(FeatureVector.class, records);
        return set;
    }

    /** Labels every anomalous window and every tenth normal one, keyed {@code <entity>|<windowStart>}. */
    void sendLabels(TrainingSet truth) {
        List<ProducerRecord<String, Label>> records = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            boolean anomaly = truth.label(i) == TrainingSet.ANOMALY;
            if (anomaly || i % 10 == 0) {
                long ws = start + truth.timestamps()[i];
                Label l = Label.newBuilder().setEntity("peer:" + truth.entities()[i]).setDomain("bgp-peer")
                        .setWindowStart(Instant.ofEpochMilli(ws)).setWindowEnd(Instant.ofEpochMilli(ws + 60_000))
                        .setAnomalous(anomaly).setLabelledAt(Instant.now()).build();
                records.add(new ProducerRecord<>(topic(Topics.LABELS), l.getEntity() + "|" + ws, l));
            }
        }
        send(Label.class, records);
    }

    private Properties bootstrapProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    <T extends SpecificRecord> void send(Class<T> type, List<ProducerRecord<String, T>> records) {
        Properties p = bootstrapProperties();
        // One request in flight: a retried first batch cannot be overtaken by the next, so no retry is refused as
        // out of order. A record that still fails fails the test here, not as a missing row later.
        p.put("max.in.flight.requests.per.connection", "1");
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(type, registry, false))) {
            records.forEach(r -> producer.send(r, (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Could not send test records", failure.get());
        }
    }

    /** A consumer of a topic from its beginning, as a detector watching model.versions would use. */
    <T extends SpecificRecord> Reader<T> reader(String defaultTopic, Class<T> type) {
        return new Reader<>(topic(defaultTopic), type);
    }

    /** The offset committed by a consumer group on partition 0 of a topic, or -1. */
    long committed(String group, String defaultTopic) {
        try (Admin admin = Admin.create(bootstrapProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic(defaultTopic)) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    final class Reader<T extends SpecificRecord> implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroDeserializer<T> deserializer;
        private final String topic;
        final List<T> seen = new ArrayList<>();

        Reader(String topic, Class<T> type) {
            Properties p = CommittedReads.inGroup(bootstrapProperties(), "test-reader-" + java.util.UUID.randomUUID());
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            this.deserializer = new AvroDeserializer<>(type, registry);
            this.topic = topic;
            consumer.subscribe(List.of(topic));
        }

        /** Polls until {@code done} holds for what was seen, or the deadline passes; returns what was seen. */
        List<T> until(java.util.function.Predicate<List<T>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(seen) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    // Undecodable records (tests put some there on purpose) are skipped, as the apps do.
                    var decoded = dev.vigil.kit.deadletter.Decoded.of(deserializer, topic, r.value());
                    if (decoded.ok()) {
                        seen.add(decoded.value());
                    }
                });
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static List<ModelVersion> ofModel(List<ModelVersion> versions, String model) {
        return versions.stream().filter(v -> v.getName().equals(model)).toList();
    }
}
