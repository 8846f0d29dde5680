package dev.vigil.kit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {

    @Test
    void laterSourcesWinDefaultsThenFileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"),
                "kafka.bootstrap.servers=file:9092\nvigil.http.port=9000\nvigil.x=from-file\n");
        Map<String, String> env = Map.of("VIGIL_CONFIG_FILE", file.toString(), "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "VIGIL_X", "from-env", "PATH", "/usr/bin");
        VigilConfig config = VigilConfig.load("test", env, Map.of("vigil.x", "override"));

        assertEquals("env:9092", config.bootstrapServers());
        assertEquals(9000, config.getInt("vigil.http.port", 0));
        assertEquals("override", config.get("vigil.x"));
        assertEquals("exactly_once_v2", config.kafkaProperties().getProperty("processing.guarantee"));
        assertFalse(config.asMap().containsKey("path"), "only VIGIL_ and KAFKA_ variables are read");
    }

    @Test
    void kafkaPropertiesPassAnyClientSettingThrough() {
        VigilConfig config = VigilConfig.of("test", Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512"));
        assertEquals("SASL_SSL", config.kafkaProperties().getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.kafkaProperties().getProperty("sasl.mechanism"));
    }

    @Test
    void streamsOnlySettingsReachStreamsButNotPlainClients() {
        VigilConfig config = VigilConfig.of("test", Map.of("kafka.producer.batch.size", "131072",
                "kafka.commit.interval.ms", "1000", "kafka.security.protocol", "SSL"));
        assertEquals("131072", config.kafkaProperties().getProperty("producer.batch.size"));
        assertFalse(config.clientProperties().containsKey("producer.batch.size"));
        assertFalse(config.clientProperties().containsKey("commit.interval.ms"));
        assertEquals("SSL", config.clientProperties().getProperty("security.protocol"));
    }

    @Test
    void durationsAcceptShortFormsAndIso() {
        VigilConfig config = VigilConfig.of("test", Map.of("a", "30s", "b", "5m", "c", "PT2H", "d", "7d", "e", "250ms"));
        assertEquals(Duration.ofSeconds(30), config.getDuration("a", null));
        assertEquals(Duration.ofMinutes(5), config.getDuration("b", null));
        assertEquals(Duration.ofHours(2), config.getDuration("c", null));
        assertEquals(Duration.ofDays(7), config.getDuration("d", null));
        assertEquals(Duration.ofMillis(250), config.getDuration("e", null));
        assertEquals(Duration.ofMinutes(1), config.getDuration("missing", Duration.ofMinutes(1)));
    }

    @Test
    void invalidAndMissingValuesNameTheSettingAndItsVariable() {
        VigilConfig config = VigilConfig.of("test", Map.of("vigil.n", "ten", "vigil.flag", "yes"));
        var bad = assertThrows(ConfigException.class, () -> config.getInt("vigil.n", 1));
        assertTrue(bad.getMessage().contains("vigil.n") && bad.getMessage().contains("ten"), bad.getMessage());
        var flag = assertThrows(ConfigException.class, () -> config.getBoolean("vigil.flag", false));
        assertTrue(flag.getMessage().contains("true or false"));
        var missing = assertThrows(ConfigException.class, () -> config.get("vigil.missing.key"));
        assertTrue(missing.getMessage().contains("VIGIL_MISSING_KEY"), missing.getMessage());
    }

    @Test
    void missingConfigFileIsAClearError() {
        var e = assertThrows(ConfigException.class,
                () -> VigilConfig.load("test", Map.of("VIGIL_CONFIG_FILE", "/nonexistent/vigil.properties"), Map.of()));
        assertTrue(e.getMessage().contains("/nonexistent/vigil.properties"));
    }

    @Test
    void secretsAreMaskedWhenDescribed() {
        VigilConfig config = VigilConfig.of("test", Map.of("kafka.sasl.jaas.config", "secret-stuff",
                "vigil.schema.registry.basic.auth.user.info", "u:p", "kafka.ssl.truststore.password", "pw"));
        String described = config.toString();
        assertFalse(described.contains("secret-stuff") || described.contains("u:p") || described.contains("=pw"), described);
        assertTrue(described.contains("[hidden]"));
    }
}
