package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.devstack.DevStack;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.devstack.FreePorts;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topics;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelRegistryClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees on a real broker and registry when things are wrong: {@code vigil models list} and
 * {@code vigil status} (each run as the CLI runs, in a JVM of its own) read past a poisoned versions topic and name
 * the skipped record and a refused version; during a registry outage they exit 1 with one line naming the registry,
 * no stack trace; an app started during the outage is live but not ready, says why, and starts when the registry
 * is back.
 */
class OperatorCommandsIntegrationTest {
    private static final String MODEL = "bgp-peer.rules";

    @Test
    void commandsReadPastBadRecordsAndAnOutageIsOneLineAndAppsWaitForTheRegistry(@TempDir Path state) throws Exception {
        try (DevStack stack = DevStack.start()) {
            VigilConfig config = VigilConfig.of("cli", stack.settings());
            Topics topics = new Topics(config);
            TopicAdmin.ensure(config.clientProperties(), topics.all());
            publishVersions(config);
            poison(config, topics);

            Run list = vigil(stack, "models", "list");
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.out().contains(MODEL), list.toString());
            assertTrue(list.out().contains(MODEL + " v2 is announced PRODUCTION but was refused: signature does not verify"),
                    "the refused production version is marked: " + list);
            assertNoStackTrace(list);

            Run status = vigil(stack, "status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains(MODEL), status.toString());
            assertTrue(status.out().contains("skipped unreadable record on " + Topics.MODEL_VERSIONS + " at partition 0"),
                    "the poisoned record is named, not fatal: " + status);
            assertTrue(status.out().contains("was refused"), status.toString());
            assertNoStackTrace(status);

            stack.registry().stop();
            for (List<String> command : List.of(List.of("models", "list"), List.of("status"))) {
                Run outage = vigil(stack, command.toArray(String[]::new));
                assertEquals(1, outage.exitCode(), outage.toString());
                List<String> errors = outage.err().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(1, errors.size(), "one line: " + outage);
                assertTrue(errors.getFirst().startsWith("vigil " + String.join(" ", command) + ": the schema registry cannot be reached"),
                        outage.toString());
                assertNoStackTrace(outage);
            }

            appWaitsForTheRegistry(stack, state);
        }
    }

    /** An app started while the registry is away: live, not ready and saying why; ready once the registry is back. */
    private static void appWaitsForTheRegistry(DevStack stack, Path state) throws Exception {
        Map<String, String> settings = new TreeMap<>(stack.appSettings(state));
        int port = FreePorts.next();
        settings.put("vigil.http.port", Integer.toString(port));
        settings.put("vigil.topics.partitions", "1");
        CompletableFuture<AppRunner> starting = CompletableFuture.supplyAsync(() ->
                AppRunner.start(new DriftMonitorApp(), VigilConfig.of(DriftMonitorApp.NAME, settings)));
        try {
            String waiting = awaitBody(port, "/health/ready", "WAITING_FOR_SCHEMA_REGISTRY", Duration.ofSeconds(60));
            assertEquals(503, get(port, "/health/ready").statusCode(), waiting);
            assertEquals(200, get(port, "/health/live").statusCode(), "waiting for the registry is no reason to restart");
            assertFalse(starting.isDone(), "the app waits");
            stack.registry().startAgain();
        } catch (Exception | AssertionError e) {
            starting.thenAccept(AppRunner::close); // whenever it gets that far
            throw e;
        }
        try (AppRunner runner = starting.get(90, TimeUnit.SECONDS)) {
            assertTrue(runner.awaitReady(Duration.ofSeconds(90)), "ready once the registry is back");
            assertEquals(200, get(port, "/health/ready").statusCode());
        }
    }

    private static void publishVersions(VigilConfig config) {
        ModelRegistryClient registry = new ModelRegistryClient(config);
        byte[] artifact = "rules".getBytes(StandardCharsets.UTF_8);
        registry.publish(version(1, ModelStage.ARCHIVED, artifact), artifact);
        registry.publish(version(2, ModelStage.PRODUCTION, artifact), artifact);
    }

    /** Random bytes on the versions topic, and the detectors' refusal report of version 2 on its dead-letter topic. */
    private static void poison(VigilConfig config, Topics topics) throws Exception {
        byte[] garbage = new byte[200];
        new Random(16).nextBytes(garbage);
        String versions = topics.name(Topics.MODEL_VERSIONS);
        DeadLetter refusal = DeadLetter.newBuilder().setApp("detectors").setSourceTopic(versions).setPartition(0).setOffset(1)
                .setKey(ByteBuffer.wrap((MODEL + "/2").getBytes(StandardCharsets.UTF_8))).setValue(ByteBuffer.wrap(new byte[0])).setErrorClass("model-refused-signature")
                .setReason("signature does not verify").setFailedAt(Instant.now()).build();
        var dlqSerializer = new AvroSerializer<>(DeadLetter.class, RegistrySettings.from(config), false);
        try (var producer = new KafkaProducer<>(config.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(versions, "x.y/1", garbage)).get();
            String dlq = Topics.dlq(versions);
            producer.send(new ProducerRecord<>(dlq, MODEL + "/2", dlqSerializer.serialize(dlq, refusal))).get();
        }
    }

    private static ModelVersion version(int version, ModelStage stage, byte[] artifact) {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return ModelVersion.newBuilder().setName(MODEL).setVersion(version).setDomain("bgp-peer").setAlgorithm("rules")
                .setStage(stage)
                .setTrainingData(TrainingData.newBuilder().setTopic(Topics.FEATURES_BGP).setFromTime(at).setToTime(at)
                        .setSampleCount(100).setLabelledCount(0).build())
                .setThreshold(0.5).setFeatureNames(List.of("announcements")).setArtifactSha256(ArtifactChunks.sha256(artifact))
                .setArtifactSize(artifact.length).setArtifactChunks(1).setStageHistory(List.of(new StageChange(stage, at, "test")))
                .setCreatedAt(at).build();
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** The CLI as an operator runs it: its own JVM, pointed at the stack by the environment. */
    private static Run vigil(DevStack stack, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), VigilCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        builder.environment().put("VIGIL_SCHEMA_REGISTRY_URL", stack.registryUrl());
        builder.environment().remove("VIGIL_DEBUG");
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "vigil-cli-" + ProcessHandle.current().pid() + ".out");
        Path err = Path.of(System.getProperty("java.io.tmpdir"), "vigil-cli-" + ProcessHandle.current().pid() + ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "vigil " + String.join(" ", args) + " did not finish");
        return new Run(process.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    }

    private static void assertNoStackTrace(Run run) {
        String all = run.out() + run.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "no stack trace: " + run);
    }

    private static String awaitBody(int port, String path, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = get(port, path).body();
                if (last.contains(expected)) {
                    return last;
                }
            } catch (IOException notListening) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never said " + expected + "; last: " + last);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
