package dev.vigil.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.aggregator.testing.SyntheticBgpUpdates;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.FeatureVector;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and restart lose nothing and duplicate nothing: the same BGP updates go once through an aggregator that runs
 * undisturbed and once through one that is killed with SIGKILL (its own JVM, no shutdown hook, uncommitted
 * write-behind accumulators lost) part-way and restarted; both must write exactly the same feature vectors (but for
 * the rare-AS features, whose counts warm up again after a restart by design).
 */
class AggregatorCrashIntegrationTest {
    private static final int UPDATES = 240_000;
    /**
     * The rare-AS counts live in memory and warm up again after a restart, by design (aggregator/README.md): the only
     * features a crash may change.
     */
    private static final java.util.Set<String> RESTART_WARMED = java.util.Set.of("number_rare_ases", "rare_ases_max", "rare_ases_avg");

    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @Test
    void aKilledAndRestartedAggregatorWritesTheSameVectorsAsOneThatRanThrough(@TempDir Path steady, @TempDir Path crashed)
            throws Exception {
        VigilConfig reference = config("steady", steady);
        VigilConfig killed = config("crashed", crashed);
        TopicAdmin.ensure(reference.clientProperties(), new Topics(reference).forApp(AggregatorApp.NAME));
        TopicAdmin.ensure(killed.clientProperties(), new Topics(killed).forApp(AggregatorApp.NAME));
        produce(reference);

        try (AppRunner app = AppRunner.start(new AggregatorApp(), reference)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)));
            awaitNoLag(reference, "vigil-aggregator-steady");
        }

        Process child = ChildProcessApp.start(Main.class, killed);
        try {
            awaitCommitted(killed, "vigil-aggregator-crashed", UPDATES / 4, child);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        long committedAtKill = committed(killed, "vigil-aggregator-crashed", new Topics(killed).name(Topics.BGP_UPDATES));
        assertTrue(committedAtKill < UPDATES, "killed before the end: " + committedAtKill);
        try (AppRunner app = AppRunner.start(new AggregatorApp(), killed)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)));
            awaitNoLag(killed, "vigil-aggregator-crashed");
        }

        Map<String, String> expected = vectors(reference);
        Map<String, String> actual = vectors(killed);
        assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith(Entities.BGP_ORIGIN)), "origin vectors too");
        assertTrue(expected.size() > 100, "vectors: " + expected.size());
        List<String> differences = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                differences.add(k + "\n  steady:  " + v + "\n  crashed: " + actual.get(k));
            }
        });
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> differences.add(k + " only after the crash"));
        assertTrue(differences.isEmpty(), differences.size() + " of " + expected.size() + " vectors differ, e.g. "
                + differences.subList(0, Math.min(5, differences.size())));
    }

    private static VigilConfig config(String run, Path state) {
        Map<String, String> settings = new HashMap<>(stack.appSettings(state));
        settings.put("kafka.application.id", "vigil-aggregator-" + run);
        settings.put("vigil.topics.partitions", "2");
        // Frequent commits, so the kill lands between two of them part-way through the input even on a fast machine.
        settings.put("kafka.commit.interval.ms", "100");
        settings.put("vigil.topic." + Topics.BGP_UPDATES, "crash-test." + Topics.BGP_UPDATES);
        for (String out : List.of(Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.LATE_RECORDS)) {
            settings.put("vigil.topic." + out, run + "." + out);
        }
        return VigilConfig.of(AggregatorApp.NAME, settings);
    }

    private static void produce(VigilConfig config) {
        Properties p = new Properties();
        p.putAll(config.clientProperties());
        p.put("max.in.flight.requests.per.connection", "1");
        String topic = new Topics(config).name(Topics.BGP_UPDATES);
        var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
        var updates = new SyntheticBgpUpdates(6, 20_000, UPDATES, Instant.now().minus(Duration.ofMinutes(30)), 1500);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(BgpUpdate.class, RegistrySettings.from(config), false))) {
            updates.forEachRemaining(u -> producer.send(new ProducerRecord<>(topic, null, u.getTimestamp().toEpochMilli(),
                    Entities.peer(u), u), (meta, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    }));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("test input not sent", failure.get());
        }
    }

    private static void awaitCommitted(VigilConfig config, String group, long records, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (committed(config, group, new Topics(config).name(Topics.BGP_UPDATES)) < records) {
            assertTrue(child.isAlive(), "the child aggregator exited");
            assertTrue(System.nanoTime() < deadline, "the child aggregator committed too little in time");
            Thread.sleep(20);
        }
    }

    private static long committed(VigilConfig config, String group, String topic) throws Exception {
        return ChildProcessApp.committed(config, group, topic);
    }

    /** Waits until the group has committed the end of every partition it reads (input and repartition topics). */
    private static void awaitNoLag(VigilConfig config, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Admin admin = Admin.create(config.clientProperties())) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                boolean inputDone = committed.entrySet().stream().anyMatch(e -> e.getKey().topic().equals(new Topics(config).name(Topics.BGP_UPDATES)));
                boolean caughtUp = inputDone && committed.entrySet().stream()
                        .allMatch(e -> e.getValue() != null && e.getValue().offset() >= ends.get(e.getKey()).offset());
                long input = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(new Topics(config).name(Topics.BGP_UPDATES)))
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (caughtUp && input >= UPDATES) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "group " + group + " did not catch up: " + committed + " vs " + ends);
                Thread.sleep(200);
            }
        }
    }

    /** Every committed vector, by domain, entity and window: its values and event count. No key may repeat. */
    private static Map<String, String> vectors(VigilConfig config) {
        AvroDeserializer<FeatureVector> avro = new AvroDeserializer<>(FeatureVector.class, RegistrySettings.from(config));
        Map<String, String> out = new TreeMap<>();
        String topic = new Topics(config).name(Topics.FEATURES_BGP);
        TopicReader.readToEnd(config.clientProperties(), topic, r -> {
            FeatureVector v = avro.deserialize(topic, r.value());
            String key = v.getDomain() + "|" + v.getEntity() + "|" + v.getWindowStart();
            List<String> compared = new ArrayList<>();
            for (int i = 0; i < v.getFeatureNames().size(); i++) {
                // The relative forms (f.ratio, f.z) of a warmed feature differ with it, and so does its baseline.
                if (!RESTART_WARMED.contains(v.getFeatureNames().get(i).replaceFirst("\\.(ratio|z)$", ""))) {
                    compared.add(v.getFeatureNames().get(i) + "=" + v.getValues().get(i));
                }
            }
            String previous = out.put(key, compared + " events=" + v.getEventCount());
            assertEquals(null, previous, "a vector written twice: " + key);
        });
        return out;
    }
}
