package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.TopicSpec;
import dev.vigil.kit.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KafkaTopic resources and the topics Job create exactly the topics the code declares. */
class TopicsManifestTest {
    static final Path STRIMZI_TOPICS = Manifests.COMPONENTS.resolve("topics-strimzi/kafka-topics.yaml");
    static final Path JOB = Manifests.COMPONENTS.resolve("topics-job");
    static final String DEFAULT_PARTITIONS_LABEL = "vigil.dev/partitions";

    /** The code's topics by name; partitions are null where they follow vigil.topics.partitions. */
    static Map<String, Expected> expectedTopics() {
        List<TopicSpec> withThree = new Topics(VigilConfig.of("deploy", Map.of("vigil.topics.partitions", "3"))).all();
        List<TopicSpec> withSeven = new Topics(VigilConfig.of("deploy", Map.of("vigil.topics.partitions", "7"))).all();
        Map<String, TopicSpec> seven = withSeven.stream().collect(Collectors.toMap(TopicSpec::name, t -> t));
        Map<String, Expected> out = new TreeMap<>();
        for (TopicSpec spec : new Topics(VigilConfig.of("deploy", Map.of())).all()) {
            TopicSpec three = withThree.stream().filter(t -> t.name().equals(spec.name())).findFirst().orElseThrow();
            boolean fixed = three.partitions() == seven.get(spec.name()).partitions();
            out.put(spec.name(), new Expected(fixed ? spec.partitions() : null, new TreeMap<>(spec.configs())));
        }
        return out;
    }

    record Expected(Integer fixedPartitions, Map<String, String> configs) {
    }

    @Test
    void theCodeHasTopicsOfBothKinds() {
        Map<String, Expected> expected = expectedTopics();
        assertTrue(expected.values().stream().anyMatch(e -> e.fixedPartitions() != null));
        assertTrue(expected.values().stream().anyMatch(e -> e.fixedPartitions() == null));
    }

    @Test
    void strimziTopicsAreExactlyTheCodesTopics() {
        Manifests topics = Manifests.parse(read(STRIMZI_TOPICS), STRIMZI_TOPICS.toString());
        int basePartitions = Integer.parseInt(Manifests.readResources(Manifests.BASE).get("ConfigMap", "vigil-env")
                .map("data").get("VIGIL_TOPICS_PARTITIONS").toString());
        checkStrimziTopics(topics, basePartitions);
    }

    /** Also used on rendered overlays, where the partitions follow the overlay's VIGIL_TOPICS_PARTITIONS. */
    static void checkStrimziTopics(Manifests manifests, int variablePartitions) {
        Map<String, Expected> expected = expectedTopics();
        Map<String, Resource> actual = new TreeMap<>();
        for (Resource topic : manifests.ofKind("KafkaTopic")) {
            actual.put(topic.string("spec", "topicName"), topic);
        }
        assertEquals(expected.keySet(), actual.keySet(), "KafkaTopic names");
        expected.forEach((name, want) -> {
            Resource topic = actual.get(name);
            int partitions = ((Number) topic.at("spec", "partitions")).intValue();
            boolean followsDefault = "default".equals(topic.labels().get(DEFAULT_PARTITIONS_LABEL));
            assertEquals(want.fixedPartitions() == null, followsDefault, name + " label " + DEFAULT_PARTITIONS_LABEL);
            assertEquals(want.fixedPartitions() == null ? variablePartitions : want.fixedPartitions(), partitions, name + " partitions");
            Map<String, String> config = new TreeMap<>();
            topic.map("spec", "config").forEach((k, v) -> config.put(k, String.valueOf(v)));
            assertEquals(want.configs(), config, name + " config");
            assertTrue(topic.labels().containsKey("strimzi.io/cluster"), name + " must name its Kafka cluster");
        });
    }

    @Test
    void jobTopicListIsExactlyTheCodesTopics() {
        Map<String, Expected> listed = new TreeMap<>();
        for (String line : read(JOB.resolve("topics.txt")).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            String[] fields = line.trim().split("\\s+");
            assertEquals(3, fields.length, line);
            Integer partitions = fields[1].equals("default") ? null : Integer.valueOf(fields[1]);
            listed.put(fields[0], new Expected(partitions, parseConfigs(fields[2])));
        }
        assertEquals(expectedTopics(), listed);
    }

    /** Runs the Job's script with stand-ins for kafka-topics.sh and kafka-configs.sh that record their arguments. */
    @Test
    void jobScriptCreatesEveryTopicAndPassesKafkaSettingsAsClientProperties(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        for (String tool : List.of("kafka-topics.sh", "kafka-configs.sh")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"" + tool + " $*\" >> '" + calls + "'\n");
            assertTrue(script.toFile().setExecutable(true));
        }
        ProcessBuilder pb = new ProcessBuilder("sh", JOB.resolve("create-topics.sh").toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "TMPDIR", dir.toString(),
                "VIGIL_KAFKA_BIN", bin.toString(), "VIGIL_TOPICS_FILE", JOB.resolve("topics.txt").toString(),
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093", "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"vigil\" password=\"a=b==\";",
                "KAFKA_HEAP_OPTS", "-Xmx256m", "VIGIL_TOPICS_PARTITIONS", "5", "VIGIL_TOPICS_REPLICATION_FACTOR", "2"));
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        Map<String, String> client = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("vigil-client.properties"))) {
            client.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"vigil\" password=\"a=b==\";"), client);
        checkRecordedCalls(Files.readAllLines(calls), dir.resolve("vigil-client.properties").toString());
    }

    private static void checkRecordedCalls(List<String> calls, String clientFile) {
        Map<String, Expected> expected = expectedTopics();
        Map<String, Expected> created = new LinkedHashMap<>();
        List<String> topicCalls = new ArrayList<>();
        for (String call : calls) {
            List<String> args = Arrays.asList(call.split(" "));
            assertEquals("broker:9093", after(args, "--bootstrap-server"), call);
            assertEquals(clientFile, after(args, "--command-config"), call);
            if (args.getFirst().equals("kafka-topics.sh")) {
                assertTrue(args.contains("--create") && args.contains("--if-not-exists"), call);
                assertEquals("2", after(args, "--replication-factor"), call);
                topicCalls.add(after(args, "--topic"));
                created.put(after(args, "--topic"), new Expected(Integer.valueOf(after(args, "--partitions")), null));
            } else {
                String topic = after(args, "--entity-name");
                Expected made = created.get(topic);
                assertTrue(made != null, "configs set before " + topic + " was created");
                created.put(topic, new Expected(made.fixedPartitions(), parseConfigs(after(args, "--add-config"))));
            }
        }
        assertEquals(expected.size(), topicCalls.size(), "one kafka-topics.sh call per topic");
        assertEquals(expected.keySet(), new TreeSet<>(created.keySet()));
        expected.forEach((name, want) -> {
            Expected got = created.get(name);
            assertEquals(want.fixedPartitions() == null ? 5 : want.fixedPartitions(), got.fixedPartitions(), name);
            assertEquals(want.configs(), got.configs(), name);
        });
    }

    @Test
    void theProductionKafkaUserMayReadAndWriteEveryTopic() {
        Resource user = Manifests.readResources(Manifests.OVERLAYS.resolve("prod")).get("KafkaUser", "vigil-kafka-user");
        Set<String> uncovered = new TreeSet<>();
        for (String topic : expectedTopics().keySet()) {
            boolean covered = user.list("spec", "authorization", "acls").stream().anyMatch(acl ->
                    "topic".equals(Resource.walk(acl, "resource", "type"))
                            && matches(acl, topic)
                            && ((List<?>) Resource.walk(acl, "operations")).containsAll(List.of("Read", "Write")));
            if (!covered) {
                uncovered.add(topic);
            }
        }
        assertEquals(Set.of(), uncovered, "topics the Kafka user may not read and write");
    }

    private static boolean matches(Object acl, String topic) {
        String name = String.valueOf(Resource.walk(acl, "resource", "name"));
        return "prefix".equals(Resource.walk(acl, "resource", "patternType")) ? topic.startsWith(name) : topic.equals(name);
    }

    private static Map<String, String> parseConfigs(String list) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : list.split(",")) {
            out.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return out;
    }

    private static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
