package dev.vigil.bench.retrainer;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.bench.datasets.UfamBgpFeatures;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.models.Algorithms;
import dev.vigil.models.TrainingSet;
import dev.vigil.retrainer.RetrainerApp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Request-to-announcement time on a real broker and registry (e.g. {@code vigil dev up}): the first rows of
 * the UFAM BGP set are written as feature vectors (moved to the last days) with labels for every anomaly and
 * a tenth of the normal windows, a retrainer runs in this JVM, one domain request is sent, and the clock
 * stops when a consumer of {@code model.versions} has seen a version of every detector. Every topic gets a
 * fresh prefix, so the stack's own topics are not touched.
 */
public final class KafkaRetrainBenchmark {
    private static final String DOMAIN = "bgp-peer";

    private KafkaRetrainBenchmark() {
    }

    /** @return seconds from sending the request to seeing every detector's version */
    public static double run(Map<String, String> stackSettings, Path datasetFolder, int rows, PrintStream out) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> settings = new HashMap<>(stackSettings);
        for (String topic : List.of(Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.RETRAIN_REQUESTS,
                Topics.MODEL_VERSIONS, Topics.MODEL_ARTIFACTS, Topics.LABELS, Topics.LABEL_REQUESTS)) {
            settings.put("vigil.topic." + topic, prefix + topic);
        }
        settings.put("vigil.http.port", "0");
        settings.put("vigil.retrainer.group.id", prefix + "retrainer");
        // A blank list means the default, every domain: the app would then ask for bgp-peer's first models itself,
        // beside (or before) the timed request. A domain this run writes nothing to keeps that request out.
        settings.put("vigil.retrainer.bootstrap.domains", "telemetry-metric");
        VigilConfig config = VigilConfig.of("retrainer", settings);
        Topics topics = new Topics(config);
        TopicAdmin.ensure(config.kafkaProperties(), topics.all());

        TrainingSet data = UfamBgpFeatures.load(datasetFolder, rows);
        writeFeaturesAndLabels(config, topics, data);
        try (AppRunner app = AppRunner.start(new RetrainerApp(), config);
             KafkaConsumer<String, byte[]> versions = consumer(config, topics.name(Topics.MODEL_VERSIONS))) {
            if (!app.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("retrainer did not become ready");
            }
            RetrainRequest request = RetrainRequest.newBuilder().setRequestId(prefix + "request").setModel(DOMAIN)
                    .setDomain(DOMAIN).setRequester("bench").setForce(true).setRequestedAt(Instant.now()).build();
            long start = System.nanoTime();
            send(config, Typed.RETRAIN_REQUESTS, List.of(new ProducerRecord<>(topics.name(Typed.RETRAIN_REQUESTS), DOMAIN, request)));
            Set<String> seen = awaitVersions(config, versions, topics.name(Topics.MODEL_VERSIONS), Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "request -> announcement of %s on %,d rows (broker + registry): %.2f s%n", seen, data.size(), seconds);
            // The retrainer commits the request just after announcing; closing it before then interrupts the commit.
            awaitCommitted(config, prefix + "retrainer", Duration.ofSeconds(30));
            return seconds;
        }
    }

    private static void writeFeaturesAndLabels(VigilConfig config, Topics topics, TrainingSet data) {
        long first = java.util.Arrays.stream(data.timestamps()).min().orElseThrow();
        long last = java.util.Arrays.stream(data.timestamps()).max().orElseThrow();
        long shift = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli() - last; // newest window ends just now
        if (last - first > Duration.ofDays(6).toMillis()) {
            throw new IllegalArgumentException("rows span more than the training window");
        }
        List<ProducerRecord<String, FeatureVector>> vectors = new java.util.ArrayList<>();
        List<ProducerRecord<String, Label>> labels = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Instant start = Instant.ofEpochMilli(data.timestamps()[i] + shift);
            Instant end = start.plusSeconds(60);
            String entity = "peer:" + data.entities()[i];
            FeatureVector v = new FeatureVector(entity, DOMAIN, start, end, data.featureNames(),
                    java.util.Arrays.stream(data.features()[i]).boxed().toList(), 1L, "replay");
            vectors.add(new ProducerRecord<>(topics.name(Typed.FEATURES_BGP), null, end.toEpochMilli(), entity, v));
            boolean anomaly = data.label(i) == TrainingSet.ANOMALY;
            if (anomaly || i % 10 == 0) {
                Label l = Label.newBuilder().setEntity(entity).setDomain(DOMAIN).setWindowStart(start).setWindowEnd(end)
                        .setAnomalous(anomaly).setSource("dataset").setLabelledAt(Instant.now()).build();
                labels.add(new ProducerRecord<>(topics.name(Typed.LABELS), entity + "|" + start.toEpochMilli(), l));
            }
        }
        send(config, Typed.FEATURES_BGP, vectors);
        send(config, Typed.LABELS, labels);
    }

    /** Sends records to a typed topic (named in each record), serialised in the topic's value class. */
    private static <T extends SpecificRecord> void send(VigilConfig config, Topic<T> topic, List<ProducerRecord<String, T>> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(topic, RegistrySettings.from(config)))) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(VigilConfig config, String topic) {
        Properties p = CommittedReads.inGroup(config.clientProperties(), "bench-reader-" + UUID.randomUUID());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Set<String> awaitVersions(VigilConfig config, KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
        AvroDeserializer<ModelVersion> reader = new AvroDeserializer<>(Typed.MODEL_VERSIONS, RegistrySettings.from(config));
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < Algorithms.ALL.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only saw versions of " + seen + " within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(reader.deserialize(topic, r.value()).getAlgorithm()));
        }
        return seen;
    }

    /** Waits until the retrainer's group has committed past the one request, or the timeout passes. */
    private static void awaitCommitted(VigilConfig config, String group, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config.clientProperties())) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (offsets.values().stream().anyMatch(o -> o != null && o.offset() > 0)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    /** {@code key=value} settings of a running stack, e.g. {@code kafka.bootstrap.servers=127.0.0.1:9092 vigil.schema.registry.url=...}. */
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        run(settings, UfamBgpFeatures.folder(), 10_000, System.out);
    }
}
