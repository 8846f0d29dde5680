package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.LabelRequest;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.devstack.DevStack;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.TrainingSet;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.registry.ops.ModelOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retrainer on a real broker and registry: features flow, a request arrives, versions are trained,
 * validated and announced, and a consumer of model.versions (standing in for a detector) sees them.
 */
class RetrainerIntegrationTest {
    static final String MODEL = "bgp-peer.isolation-forest";
    static DevStack stack;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    static StackClients clients(String prefix) {
        return new StackClients(stack.bootstrapServers(), stack.registryUrl(), prefix);
    }

    static VigilConfig config(StackClients clients, String group, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(stack.settings());
        settings.putAll(clients.topicSettings());
        settings.put("vigil.http.port", "0");
        settings.put("vigil.retrainer.group.id", group);
        settings.put("vigil.retrainer.min.samples", "500");
        settings.put("vigil.retrainer.min.span", "1h"); // the test's feature batches span 100 minutes
        settings.put("vigil.retrainer.detectors", "isolation-forest,rules");
        settings.put("vigil.retrainer.label.requests", "5");
        settings.put("vigil.retrainer.bootstrap.domains", "telemetry-service");
        settings.putAll(extra);
        VigilConfig config = VigilConfig.of("retrainer", settings);
        TopicAdmin.ensure(config.kafkaProperties(), new Topics(config).all());
        return config;
    }

    static void request(StackClients clients, String id, String model, boolean force) {
        RetrainRequest r = RetrainRequest.newBuilder().setRequestId(id).setModel(model).setDomain("bgp-peer")
                .setReasons(List.of("integration test")).setRequester("test").setForce(force).setRequestedAt(Instant.now()).build();
        clients.send(RetrainRequest.class, List.of(new ProducerRecord<>(clients.topic(Topics.RETRAIN_REQUESTS), model, r)));
    }

    static void rawSend(String topic, String key, byte[] value) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
        }
    }

    @Test
    void aRequestIsTrainedValidatedAndAnnouncedAndADetectorSeesIt() throws Exception {
        StackClients clients = clients("flow");
        java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        java.nio.file.Path keyFile = java.nio.file.Files.createTempFile("vigil-signing", ".pem");
        java.nio.file.Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        VigilConfig config = config(clients, "retrainer-flow", Map.of(dev.vigil.registry.ModelSignatures.SIGNING_KEY_FILE,
                keyFile.toString()));
        var verifier = new dev.vigil.registry.ModelSignatures.Verifier(List.of(key.getPublic()));
        clients.sendLabels(clients.sendFeatures(20, 100));
        try (AppRunner app = AppRunner.start(new RetrainerApp(), config);
             var detector = clients.reader(Topics.MODEL_VERSIONS, ModelVersion.class);
             var labelRequests = clients.reader(Topics.LABEL_REQUESTS, LabelRequest.class)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(30)));
            // A tombstone and an undecodable request ahead of the real one, and garbage on the registry topic:
            // none may wedge the loop, the garbage request is dead-lettered once, the catalog skips the record.
            rawSend(clients.topic(Topics.RETRAIN_REQUESTS), "m", null);
            rawSend(clients.topic(Topics.RETRAIN_REQUESTS), "m", new byte[] {0, 0, 0, 0, 42, 9});
            rawSend(clients.topic(Topics.MODEL_VERSIONS), "x.y/1", new byte[] {1, 2, 3, 4, 5, 6});
            long sent = System.nanoTime();
            request(clients, "it-flow-1", "bgp-peer", false);

            List<ModelVersion> seen = detector.until(v -> v.size() >= 2, Duration.ofSeconds(45));
            System.out.printf("request -> announcement of 2 detectors on 2,000 vectors: %.2f s%n", (System.nanoTime() - sent) / 1e9);
            assertEquals(2, seen.size(), "one version per detector: " + seen);
            for (ModelVersion v : seen) {
                assertEquals(1, v.getVersion());
                assertEquals(ModelStage.PRODUCTION, v.getStage());
                assertEquals("it-flow-1", v.getRequestId());
                assertEquals(null, verifier.problem(v), "the retrainer signs what it publishes");
                assertEquals(clients.topic(Topics.FEATURES_BGP), v.getTrainingData().getTopic());
                assertEquals(2000L, v.getTrainingData().getEndOffsets().values().stream().mapToLong(Long::longValue).sum()
                        - v.getTrainingData().getStartOffsets().values().stream().mapToLong(Long::longValue).sum());
                assertEquals(1600L, v.getTrainingData().getSampleCount());
                byte[] artifact = new ModelRegistryClient(config).artifact(v);
                assertEquals(v.getAlgorithm(), ModelCodec.decode(artifact).algorithm(), "the artifact loads as the announced model");
            }
            assertEquals(5, labelRequests.until(r -> r.size() >= 5, Duration.ofSeconds(15)).size());
            assertTrue(awaitCommitted(clients, "retrainer-flow", 1), "the request is committed after announcing");
            String metrics = app.metrics().scrape();
            assertTrue(metrics.contains("vigil_retrainer_outcomes_total{app=\"retrainer\",status=\"trained\"} 2.0"), metrics);
            assertTrue(metrics.contains("vigil_retrainer_training_time_seconds_count{algorithm=\"rules\",app=\"retrainer\"} 1"), metrics);

            ModelOperations ops = new ModelOperations(config);
            assertTrue(ops.list().contains(MODEL));
            assertTrue(ops.list().contains("skipped unreadable record on " + clients.topic(Topics.MODEL_VERSIONS)
                    + " at partition 0 offset 0 (key x.y/1)"), ops.list());
            try (var letters = clients.reader(Topics.dlq(Topics.RETRAIN_REQUESTS), dev.vigil.avro.DeadLetter.class)) {
                List<dev.vigil.avro.DeadLetter> all = letters.until(l -> false, Duration.ofSeconds(2));
                assertEquals(1, all.size(), "the undecodable request is dead-lettered once: " + all);
                assertEquals(1L, all.getFirst().getOffset());
            }
            ops.retrain(MODEL, true, "alice", "integration test");
            List<ModelVersion> after = detector.until(v -> StackClients.ofModel(v, MODEL).size() >= 2, Duration.ofSeconds(30));
            ModelVersion v2 = StackClients.ofModel(after, MODEL).getLast();
            assertEquals(2, v2.getVersion());
            assertEquals(1, v2.getParentVersion());
            assertEquals(ModelStage.STAGING, v2.getStage(), "a later version scores in shadow first");
            ops.promote(MODEL, 2, "alice", "shadow looked fine");
            assertTrue(ops.rollback(MODEL, "alice", "test").contains("to version 1"));
            assertTrue(ops.history(MODEL).contains("rollback from version 2 by alice"));
        }
    }

    @Test
    void aDomainWithoutAModelGetsItsFirstVersionsAsSoonAsEnoughVectorsOverEnoughTimeArriveWithoutAnyRequest() throws Exception {
        StackClients clients = clients("boot");
        VigilConfig config = config(clients, "retrainer-boot", Map.of("vigil.retrainer.bootstrap.domains", "bgp-peer",
                "vigil.retrainer.check.interval", "1s", "vigil.retrainer.min.span", "150m"));
        try (AppRunner app = AppRunner.start(new RetrainerApp(), config);
             var detector = clients.reader(Topics.MODEL_VERSIONS, ModelVersion.class)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(30)));
            clients.sendFeatures(4, 100, "peer:"); // 400 vectors: fewer than the 500 needed
            assertTrue(detector.until(v -> !v.isEmpty(), Duration.ofSeconds(4)).isEmpty(), "no model from too few vectors");
            clients.sendFeatures(4, 100, "other-peer:"); // 800 vectors over the same 100 minutes
            assertTrue(detector.until(v -> !v.isEmpty(), Duration.ofSeconds(4)).isEmpty(), "no model from 100 of the 150 minutes");
            clients.sendFeatures(4, 100, "later-peer:", Duration.ofMinutes(100)); // 200 minutes in all
            List<ModelVersion> seen = detector.until(v -> v.size() >= 2, Duration.ofSeconds(40));
            assertEquals(2, seen.size(), "isolation forest and rules: " + seen);
            seen.forEach(v -> {
                assertEquals("bootstrap-bgp-peer", v.getRequestId());
                assertEquals(ModelStage.PRODUCTION, v.getStage());
            });
        }
    }

    static boolean awaitCommitted(StackClients clients, String group, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (clients.committed(group, Topics.RETRAIN_REQUESTS) >= offset) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aRetrainerKilledDuringTrainingAndRestartedMakesExactlyOneVersion() throws Exception {
        StackClients clients = clients("kill");
        // A hyper-parameter search with a long budget keeps the first run in training when it is killed.
        Map<String, String> slow = Map.of("vigil.retrainer.search.budget", "60s", "vigil.retrainer.detectors", "isolation-forest");
        VigilConfig slowConfig = config(clients, "retrainer-kill", slow);
        TrainingSet truth = clients.sendFeatures(20, 100);
        clients.sendLabels(truth);
        request(clients, "it-kill-1", MODEL, false);

        ChildRetrainer child = ChildRetrainer.start(slowConfig);
        try {
            assertTrue(child.awaitLine("Training " + MODEL + " version 1", Duration.ofSeconds(45)), child.output());
        } finally {
            child.kill();
        }
        ModelRegistryClient registry = new ModelRegistryClient(slowConfig);
        assertTrue(registry.catalog().versions(MODEL).isEmpty(), "killed before announcing");
        assertTrue(clients.committed("retrainer-kill", Topics.RETRAIN_REQUESTS) <= 0, "and before committing the request");

        VigilConfig fastConfig = config(clients, "retrainer-kill", Map.of("vigil.retrainer.detectors", "isolation-forest"));
        try (AppRunner app = AppRunner.start(new RetrainerApp(), fastConfig);
             var detector = clients.reader(Topics.MODEL_VERSIONS, ModelVersion.class)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(30)));
            assertEquals(1, detector.until(v -> !v.isEmpty(), Duration.ofSeconds(45)).size());
            assertTrue(awaitCommitted(clients, "retrainer-kill", 1));
            request(clients, "it-kill-1", MODEL, true); // the requester retries the same request
            assertTrue(awaitCommitted(clients, "retrainer-kill", 2));
        }
        List<ModelVersion> versions = registry.catalog().versions(MODEL);
        assertEquals(1, versions.size(), "exactly one version: " + versions);
        assertEquals("it-kill-1", versions.getFirst().getRequestId());
        assertFalse(versions.getFirst().getStageHistory().isEmpty());
    }
}
