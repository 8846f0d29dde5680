package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelStage;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.registry.ModelRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
 * The app on a real broker and registry with exactly-once: vectors stream without pause while v1 is
 * announced, v2 is promoted mid-stream, a corrupt v3 is promoted (and refused), v1 is rolled back to and
 * the app is restarted. Every vector must be scored exactly once, by the version its record names.
 */
class DetectorsIntegrationTest {
    private static final String RULES = Algorithms.RULES;
    private static final int ENTITIES = 4;
    private static final Duration STEP = Duration.ofSeconds(40);
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @Test
    void swapsRefusesAndRollsBackWhileVectorsKeepFlowing(@TempDir Path state) throws Exception {
        Map<String, String> settings = stack.appSettings(state);
        // These tests follow registry versions; the per-entity adaptive detector has its own tests.
        settings.put("vigil.detectors.adaptive.enabled", "false");
        settings.put("vigil.topics.partitions", "2");
        // Streams does not leave its group on close: keep the restarted instance's wait for the old member short.
        settings.put("kafka.session.timeout.ms", "6000");
        VigilConfig config = VigilConfig.of(DetectorsApp.NAME, settings);
        ModelRegistryClient registry = new ModelRegistryClient(config);
        ScoreReader scores = new ScoreReader();
        VectorStream vectors = new VectorStream();
        AppRunner runner = AppRunner.start(new DetectorsApp(), config);
        try {
            assertTrue(runner.awaitReady(Duration.ofSeconds(60)), "app did not reach RUNNING");
            scores.start();
            vectors.start();
            scores.await("10 unscored", s -> s.getModelVersion() == null, 10);

            registry.publish(TestModels.version(RULES, 1, ModelStage.PRODUCTION, TestModels.bytes(RULES, 1)), TestModels.bytes(RULES, 1));
            long announcedV1 = System.nanoTime();
            scores.await("first v1", version(1), 1);
            long v1Latency = System.nanoTime() - announcedV1;
            scores.await("10 v1", version(1), 10);

            registry.publish(TestModels.version(RULES, 2, ModelStage.CANDIDATE, TestModels.bytes(RULES, 2)), TestModels.bytes(RULES, 2));
            registry.promote(TestModels.name(RULES), 2, "mid-stream promotion");
            long announcedV2 = System.nanoTime();
            scores.await("first v2", version(2), 1);
            long v2Latency = System.nanoTime() - announcedV2;
            scores.await("10 v2", version(2), 10);

            byte[] corrupt = TestModels.bytes(RULES, 3);
            corrupt[corrupt.length / 3] ^= 0x7F;
            registry.publish(TestModels.version(RULES, 3, ModelStage.CANDIDATE, corrupt), corrupt);
            registry.promote(TestModels.name(RULES), 3, "corrupt promotion");
            DeadLetter report = readOne(Topics.dlq(Topics.MODEL_VERSIONS));
            assertEquals("model-refused-format", report.getErrorClass());
            int v2Before = scores.count(version(2));
            scores.await("10 more v2 after the refusal", version(2), v2Before + 10);

            registry.promote(TestModels.name(RULES), 1, "rollback");
            scores.await("v1 after rollback", s -> version(1).test(s) && s.getWindowStart().toEpochMilli() > lastWindow(scores, 2), 10);
            assertTrue(runner.metrics().scrape().contains("vigil_detectors_model_refusals_total"));
            runner.close();

            // A restarted instance rebuilds its models from the compacted registry topics before it scores.
            runner = AppRunner.start(new DetectorsApp(), config);
            assertTrue(runner.awaitReady(Duration.ofSeconds(60)), "restarted app did not reach RUNNING");
            int before = scores.all().size();
            scores.await("scores after restart", s -> true, before + 20);
            int sent = vectors.stop();
            scores.await("every vector", s -> true, sent);
            System.out.printf("announcement to first score: v1 %.0f ms, v2 %.0f ms%n", v1Latency / 1e6, v2Latency / 1e6);
        } finally {
            vectors.stop();
            runner.close();
            scores.stop();
        }
        assertExactlyOnceByTheNamedVersion(scores.all(), vectors.sent.get());
    }

    /** A forest artifact of several chunks (above the 1 MB message default as a whole), read over the broker. */
    @Test
    void loadsAMultiChunkArtifactFromTheBroker(@TempDir Path state) throws Exception {
        Map<String, String> settings = new HashMap<>(stack.settings());
        settings.put("kafka.state.dir", state.toString());
        settings.put("kafka.application.id", "vigil-detectors-chunks");
        settings.put("vigil.http.port", "0");
        settings.put("vigil.http.host", "127.0.0.1");
        settings.put("vigil.topics.partitions", "1");
        for (String topic : List.of(Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.SCORES, Topics.MODEL_VERSIONS,
                Topics.MODEL_ARTIFACTS)) {
            settings.put("vigil.topic." + topic, "chunks." + topic);
            settings.put("vigil.topic." + Topics.dlq(topic), "chunks." + Topics.dlq(topic));
        }
        VigilConfig config = VigilConfig.of(DetectorsApp.NAME, settings);
        String forest = Algorithms.ISOLATION_FOREST;
        dev.vigil.models.TrainingSet big = TestModels.DATA.generate(40, 150, 0.0, 11);
        AnomalyModel model = dev.vigil.models.Trainers.train(forest, big, Map.of("trees", "300", "seed", "11"));
        byte[] artifact = dev.vigil.models.ModelCodec.encode(model);
        assertTrue(artifact.length > dev.vigil.registry.ArtifactChunks.DEFAULT_CHUNK_BYTES, "artifact of " + artifact.length + " bytes");
        try (AppRunner runner = AppRunner.start(new DetectorsApp(), config)) {
            assertTrue(runner.awaitReady(Duration.ofSeconds(60)), "app did not reach RUNNING");
            new ModelRegistryClient(config).publish(TestModels.version(forest, 1, ModelStage.PRODUCTION, artifact), artifact);
            var writer = new AvroSerializer<>(FeatureVector.class, RegistrySettings.of(stack.registryUrl()), false);
            var reader = new AvroDeserializer<>(DetectorScore.class, RegistrySettings.of(stack.registryUrl()));
            Properties p = new Properties();
            p.put("bootstrap.servers", stack.bootstrapServers());
            List<DetectorScore> scored = new ArrayList<>();
            List<FeatureVector> sent = new ArrayList<>();
            long deadline = System.nanoTime() + STEP.toNanos();
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                 var consumer = consumer("chunks." + Topics.SCORES)) {
                // Vectors go on until the forest serves: those before it are passed on unscored.
                for (int i = 0; scored.stream().noneMatch(s -> forest.equals(s.getDetector())); i++) {
                    assertTrue(System.nanoTime() < deadline, "forest never served");
                    FeatureVector v = TestModels.vector("peer:chunks", i, VectorStream.values("peer:chunks", i));
                    sent.add(v);
                    producer.send(new ProducerRecord<>("chunks." + Topics.FEATURES_BGP, v.getEntity(),
                            writer.serialize(Topics.FEATURES_BGP, v))).get();
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> scored.add(reader.deserialize(Topics.SCORES, r.value())));
                }
            }
            DetectorScore first = scored.stream().filter(s -> forest.equals(s.getDetector())).findFirst().orElseThrow();
            int window = (int) ((first.getWindowStart().toEpochMilli() - sent.getFirst().getWindowStart().toEpochMilli()) / 60_000);
            assertEquals(1, first.getModelVersion());
            assertEquals(model.rawScore(VectorScorer.toArray(sent.get(window).getValues()), List.of()), first.getRawScore());
        }
    }

    /** A compacted registry topic keeps an undecodable record: every start must survive it and dead-letter it once. */
    @Test
    void startsAndRestartsOverAnUndecodableRegistryRecordAndDeadLettersItOnce(@TempDir Path state) throws Exception {
        Map<String, String> settings = new HashMap<>(stack.settings());
        settings.put("kafka.state.dir", state.toString());
        settings.put("kafka.application.id", "vigil-detectors-poison");
        settings.put("vigil.http.port", "0");
        settings.put("vigil.http.host", "127.0.0.1");
        settings.put("vigil.topics.partitions", "1");
        for (String topic : List.of(Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.SCORES, Topics.MODEL_VERSIONS,
                Topics.MODEL_ARTIFACTS)) {
            settings.put("vigil.topic." + topic, "poison." + topic);
        }
        VigilConfig config = VigilConfig.of(DetectorsApp.NAME, settings);
        dev.vigil.kit.topics.TopicAdmin.ensure(config.clientProperties(), new Topics(config).forApp(DetectorsApp.NAME));
        byte[] garbage = new byte[200];
        new java.util.Random(3).nextBytes(garbage);
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("poison." + Topics.MODEL_VERSIONS, "x.y/1", garbage)).get();
        }
        for (int start = 0; start < 2; start++) {
            try (AppRunner runner = AppRunner.start(new DetectorsApp(), config)) {
                assertTrue(runner.awaitReady(Duration.ofSeconds(60)), "start " + start + " did not reach RUNNING");
                Thread.sleep(1000);
                assertEquals(org.apache.kafka.streams.KafkaStreams.State.RUNNING, runner.streams().state());
            }
        }
        DeadLetter letter = readOne("poison." + Topics.dlq(Topics.MODEL_VERSIONS));
        assertEquals("poison." + Topics.MODEL_VERSIONS, letter.getSourceTopic());
        byte[] kept = new byte[letter.getValue().remaining()];
        letter.getValue().duplicate().get(kept);
        assertTrue(java.util.Arrays.equals(garbage, kept), "the dead letter keeps the original bytes");
    }

    private static void assertExactlyOnceByTheNamedVersion(List<DetectorScore> all, int sent) {
        Map<String, List<DetectorScore>> byEntity = new TreeMap<>();
        for (DetectorScore s : all) {
            byEntity.computeIfAbsent(s.getEntity(), e -> new ArrayList<>()).add(s);
        }
        int total = 0;
        for (var entry : byEntity.entrySet()) {
            List<DetectorScore> scores = entry.getValue();
            List<Long> windows = scores.stream().map(s -> s.getWindowStart().toEpochMilli()).toList();
            for (int i = 0; i < windows.size(); i++) {
                assertEquals(TestModels.vector(entry.getKey(), i, new double[TestModels.DIMENSION]).getWindowStart().toEpochMilli(),
                        windows.get(i), entry.getKey() + ": window " + i + " missing, repeated or out of order");
            }
            List<Integer> phases = new ArrayList<>();
            for (DetectorScore s : scores) {
                int v = s.getModelVersion() == null ? 0 : s.getModelVersion();
                if (phases.isEmpty() || phases.getLast() != v) {
                    phases.add(v);
                }
                if (v > 0) {
                    AnomalyModel model = TestModels.model(RULES, v);
                    double[] values = VectorStream.values(entry.getKey(), windows.indexOf(s.getWindowStart().toEpochMilli()));
                    assertEquals(model.rawScore(values, List.of()), s.getRawScore(), "score not made by v" + v);
                }
            }
            assertTrue(List.of(0, 1, 2, 1).equals(phases) || List.of(1, 2, 1).equals(phases) || List.of(0, 1, 2).equals(phases)
                    || List.of(1, 2).equals(phases) || List.of(0, 1).equals(phases), entry.getKey() + " versions " + phases);
            total += scores.size();
        }
        assertEquals(sent, total, "one score per vector");
    }

    private static Predicate<DetectorScore> version(int v) {
        return s -> s.getModelVersion() != null && s.getModelVersion() == v;
    }

    private static long lastWindow(ScoreReader scores, int v) {
        return scores.all().stream().filter(version(v)).mapToLong(s -> s.getWindowStart().toEpochMilli()).max().orElse(0);
    }

    private static DeadLetter readOne(String topic) {
        List<DeadLetter> out = new ArrayList<>();
        try (var consumer = consumer(topic)) {
            long deadline = System.nanoTime() + STEP.toNanos();
            var reader = new AvroDeserializer<>(DeadLetter.class, RegistrySettings.of(stack.registryUrl()));
            while (out.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(reader.deserialize(topic, r.value())));
            }
        }
        assertEquals(1, out.size(), "refusal reports on " + topic);
        return out.getFirst();
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties p = CommittedReads.inGroup(stack.clientProperties(), "reader-" + topic + "-" + System.nanoTime());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads every committed score in the background. */
    private static final class ScoreReader {
        private final List<DetectorScore> scores = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "score-reader");
        /** What ended the background thread early, rethrown by {@link #stop()} so the test fails with it. */
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();

        void start() {
            thread.start();
        }

        private void run() {
            var reader = new AvroDeserializer<>(DetectorScore.class, RegistrySettings.of(stack.registryUrl()));
            try (var consumer = consumer(Topics.SCORES)) {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> scores.add(reader.deserialize(Topics.SCORES, r.value())));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        List<DetectorScore> all() {
            return List.copyOf(scores);
        }

        int count(Predicate<DetectorScore> which) {
            return (int) scores.stream().filter(which).count();
        }

        void await(String what, Predicate<DetectorScore> which, int count) throws InterruptedException {
            long deadline = System.nanoTime() + STEP.toNanos();
            while (count(which) < count) {
                rethrow(failure, "the score reader");
                assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what + ": have " + count(which));
                Thread.sleep(5);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            rethrow(failure, "the score reader");
        }
    }

    private static void rethrow(java.util.concurrent.atomic.AtomicReference<Throwable> failure, String thread) {
        if (failure.get() != null) {
            throw new AssertionError(thread + " failed in the background", failure.get());
        }
    }

    /** Sends one vector every few milliseconds, entities round-robin, windows one minute apart per entity. */
    private static final class VectorStream {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "vector-stream");
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();

        private static final Map<String, double[][]> WINDOWS = new java.util.concurrent.ConcurrentHashMap<>();

        static double[] values(String entity, int window) {
            return WINDOWS.computeIfAbsent(entity, e -> TestModels.DATA.generate(1, 5000, 0.0, e.hashCode()).features())[window];
        }

        void start() {
            thread.start();
        }

        private void run() {
            Properties p = new Properties();
            p.put("bootstrap.servers", stack.bootstrapServers());
            var writer = new AvroSerializer<>(FeatureVector.class, RegistrySettings.of(stack.registryUrl()), false);
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                for (int n = 0; running.get(); n++) {
                    String entity = "peer:rrc00|AS" + (n % ENTITIES);
                    int window = n / ENTITIES;
                    FeatureVector v = TestModels.vector(entity, window, values(entity, window));
                    producer.send(new ProducerRecord<>(Topics.FEATURES_BGP, entity, writer.serialize(Topics.FEATURES_BGP, v))).get();
                    sent.incrementAndGet();
                    Thread.sleep(4);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            rethrow(failure, "the vector stream");
            return sent.get();
        }
    }
}
