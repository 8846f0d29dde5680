package dev.vigil.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.UpdateType;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.schemas.Entities;
import dev.vigil.ingest.csv.UfamFeatures;
import dev.vigil.ingest.mrt.MrtUpdateReader;
import dev.vigil.ingest.replay.Pace;
import dev.vigil.ingest.replay.Replayer;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker and registry: a real MRT file (RIPE RIS, 2016-08-11 16:00-16:04, 20 peers) replayed into
 * bgp.updates, the aggregator running as it runs in production, and every per-peer vector read back from
 * features.bgp agreeing with the announcement and withdrawal counts of the file itself.
 */
class AggregatorIntegrationTest {
    private static final String FILE = "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20160811.1600.gz";
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @Test
    void replayedMrtFileBecomesPeerVectorsWhoseCountsMatchTheFile(@TempDir Path state) throws Exception {
        Map<String, String> settings = stack.appSettings(state);
        settings.put("vigil.aggregator.max.future", "3650d");
        VigilConfig config = VigilConfig.of(AggregatorApp.NAME, settings);
        Path file = Path.of(System.getProperty("vigil.datasets")).resolve(FILE);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "dataset file " + file.toAbsolutePath() + " is not present");

        Map<String, long[]> truth = new HashMap<>();
        try (AppRunner app = AppRunner.start(new AggregatorApp(), config)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)), "aggregator running");
            replay(config, file, truth);
            List<FeatureVector> peers = readPeerVectors(config, 20);
            for (FeatureVector v : peers) {
                long[] expected = truth.get(v.getEntity() + "@" + v.getWindowStart().toEpochMilli());
                assertEquals(expected[0], value(v, "announcements"), v.getEntity() + " " + v.getWindowStart());
                assertEquals(expected[1], value(v, "withdrawals"), v.getEntity() + " " + v.getWindowStart());
                assertEquals(expected[0] + expected[1], v.getEventCount());
                assertEquals(UfamFeatures.NAMES, v.getFeatureNames().subList(0, UfamFeatures.NAMES.size()));
            }
        }
    }

    /** Replays the file into bgp.updates keyed by peer, counting announcements and withdrawals per peer and minute. */
    private static void replay(VigilConfig config, Path file, Map<String, long[]> truth) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        AvroSerializer<BgpUpdate> avro = new AvroSerializer<>(BgpUpdate.class, RegistrySettings.from(config), false);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), avro); MrtUpdateReader reader = MrtUpdateReader.open(file, "rrc00")) {
            new Replayer(Pace.asFastAsPossible()).replay(reader, u -> u.getTimestamp().toEpochMilli(), u -> {
                long minute = Math.floorDiv(u.getTimestamp().toEpochMilli(), 60_000) * 60_000;
                truth.computeIfAbsent(Entities.peer(u) + "@" + minute, k -> new long[2])[u.getType() == UpdateType.ANNOUNCE ? 0 : 1]++;
                producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, u.getTimestamp().toEpochMilli(), Entities.peer(u), u));
            }, progress -> { });
            producer.flush();
        }
    }

    /** Reads features.bgp until at least {@code minimum} peer vectors have come, or 60 s pass. */
    private static List<FeatureVector> readPeerVectors(VigilConfig config, int minimum) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "aggregator-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var vectors = new java.util.ArrayList<FeatureVector>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(FeatureVector.class, RegistrySettings.from(config)))) {
            consumer.subscribe(List.of(Topics.FEATURES_BGP));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (vectors.stream().filter(v -> v.getDomain().equals(Entities.BGP_PEER)).count() < minimum
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> vectors.add(r.value()));
            }
        }
        List<FeatureVector> peers = vectors.stream().filter(v -> v.getDomain().equals(Entities.BGP_PEER)).toList();
        assertTrue(peers.size() >= minimum, "got " + peers.size() + " peer vectors");
        return peers;
    }

    private static double value(FeatureVector v, String name) {
        return v.getValues().get(v.getFeatureNames().indexOf(name));
    }
}
