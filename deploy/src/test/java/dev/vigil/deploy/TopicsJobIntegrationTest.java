package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.devstack.EmbeddedKafka;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.TopicSpec;
import dev.vigil.kit.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the topics Job's script with the real kafka-topics and kafka-configs commands against a real broker
 * for one topic of each kind (partitions from the setting, fixed partitions with compaction, a dead-letter
 * topic), twice: the second run must leave the topics as they are. Each tool call starts a JVM, so the
 * full list is left to {@link TopicsManifestTest}, which checks it without a broker.
 */
class TopicsJobIntegrationTest {
    private static final List<String> SAMPLE = List.of(Topics.SCORES, Topics.MODEL_VERSIONS, Topics.dlq(Topics.LABELS));

    @Test
    void theScriptCreatesTopicsAsTheCodeDeclaresThemAndCanRunAgain(@TempDir Path dir) throws Exception {
        Path topicsFile = dir.resolve("topics.txt");
        Files.write(topicsFile, Files.readAllLines(TopicsManifestTest.JOB.resolve("topics.txt")).stream()
                .filter(line -> SAMPLE.contains(line.split(" ")[0])).toList());
        Path bin = toolWrappers(Files.createDirectories(dir.resolve("bin")));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            run(bin, topicsFile, dir, kafka.bootstrapServers());
            run(bin, topicsFile, dir, kafka.bootstrapServers());
            Map<String, TopicSpec> expected = new Topics(VigilConfig.of("deploy", Map.of("vigil.topics.partitions", "4"))).all()
                    .stream().filter(t -> SAMPLE.contains(t.name())).collect(Collectors.toMap(TopicSpec::name, t -> t));
            assertEquals(SAMPLE.size(), expected.size());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<String, TopicDescription> described = admin.describeTopics(SAMPLE).allTopicNames().get(30, TimeUnit.SECONDS);
                Map<ConfigResource, Config> configs = admin.describeConfigs(SAMPLE.stream()
                        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
                for (TopicSpec spec : expected.values()) {
                    assertEquals(spec.partitions(), described.get(spec.name()).partitions().size(), spec.name() + " partitions");
                    Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                    assertEquals(new TreeMap<>(spec.configs()), explicitConfigs(config.entries(), spec.configs().keySet()), spec.name());
                }
            }
        }
    }

    private static Map<String, String> explicitConfigs(Collection<ConfigEntry> entries, Set<String> keys) {
        Map<String, String> out = new TreeMap<>();
        for (ConfigEntry entry : entries) {
            if (keys.contains(entry.name()) && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                out.put(entry.name(), entry.value());
            }
        }
        return out;
    }

    /** kafka-topics.sh and kafka-configs.sh as the Kafka distribution defines them, on this test's classpath. */
    private static Path toolWrappers(Path bin) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Map<String, String> tools = Map.of("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                "kafka-configs.sh", "kafka.admin.ConfigCommand");
        for (var tool : tools.entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                    + classpath + "' " + tool.getValue() + " \"$@\"\n");
            assertTrue(script.toFile().setExecutable(true));
        }
        return bin;
    }

    private static void run(Path bin, Path topicsFile, Path dir, String bootstrap) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", TopicsManifestTest.JOB.resolve("create-topics.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "TMPDIR", dir.toString(), "VIGIL_KAFKA_BIN", bin.toString(),
                "VIGIL_TOPICS_FILE", topicsFile.toString(), "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "VIGIL_TOPICS_PARTITIONS", "4", "VIGIL_TOPICS_REPLICATION_FACTOR", "-1"));
        Process process = pb.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the topics script timed out");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("job.log")));
    }
}
