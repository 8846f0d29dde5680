package dev.vigil.kit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsPropertiesTest {
    @TempDir
    Path tmp;

    private static String stateDir(String app, Map<String, String> settings) {
        return StreamsProperties.of(app, VigilConfig.of(app, settings)).getProperty(StreamsConfig.STATE_DIR_CONFIG);
    }

    @Test
    void theSameAppOnTwoStacksKeepsItsStateInTwoFolders() {
        String devStack = stateDir("aggregator", Map.of("kafka.bootstrap.servers", "127.0.0.1:9092"));
        String demo = stateDir("aggregator", Map.of("kafka.bootstrap.servers", "127.0.0.1:39123"));

        assertNotEquals(devStack, demo);
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "vigil-state");
        assertEquals(base.resolve("127.0.0.1_9092").toString(), devStack);
        assertEquals(base.resolve("127.0.0.1_39123").toString(), demo);
    }

    @Test
    void aStateDirThatIsSetWins() {
        assertEquals("/var/lib/vigil", stateDir("detectors", Map.of("kafka.state.dir", "/var/lib/vigil")));
    }

    @Test
    void aLongBrokerListBecomesOneShortFolderNameOfItsOwn() {
        String brokers = IntStream.range(0, 20).mapToObj(i -> "broker-" + i + ".kafka.example.internal:9093")
                .collect(Collectors.joining(","));
        String name = StreamsProperties.folderName(brokers);
        String other = StreamsProperties.folderName(brokers.replace("broker-19", "broker-20"));

        assertTrue(name.length() <= 80, name);
        assertTrue(name.matches("[A-Za-z0-9._-]+"), name);
        assertNotEquals(name, other, "lists that differ only past the cut still get their own folders");
    }

    @Test
    void kafkaStreamsPutsEachApplicationInAFolderOfItsOwnBelowTheDefault() {
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            Properties props = StreamsProperties.of("ensemble", VigilConfig.of("ensemble",
                    Map.of("kafka.bootstrap.servers", "127.0.0.1:9092")));
            StreamsBuilder builder = new StreamsBuilder();
            builder.table("in", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("persistent-store"));
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
                assertTrue(Files.isDirectory(tmp.resolve("vigil-state").resolve("127.0.0.1_9092").resolve("vigil-ensemble")),
                        "expected <tmp>/vigil-state/<brokers>/<application id>");
            }
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
    }
}
