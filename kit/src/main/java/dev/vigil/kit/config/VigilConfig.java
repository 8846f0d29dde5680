package dev.vigil.kit.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration of one Vigil app, resolved in this order (later wins): built-in defaults, the app's
 * classpath defaults ({@code /vigil-<app>.properties}), a properties file ({@code VIGIL_CONFIG_FILE} or
 * {@code vigil.config.file}), environment variables, then explicit overrides.
 *
 * <p>Keys starting with {@code vigil.} configure Vigil; keys starting with {@code kafka.} are passed, without
 * the prefix, to every Kafka client and to Kafka Streams. Environment variables map by lower-casing and
 * turning {@code _} into {@code .}: {@code KAFKA_BOOTSTRAP_SERVERS} becomes {@code kafka.bootstrap.servers},
 * {@code VIGIL_SCHEMA_REGISTRY_URL} becomes {@code vigil.schema.registry.url}.
 */
public final class VigilConfig {
    public static final String KAFKA_PREFIX = "kafka.";

    private final String appName;
    private final Map<String, String> values;

    private VigilConfig(String appName, Map<String, String> values) {
        this.appName = appName;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Loads an app's configuration from defaults, its classpath file, a config file and the environment. */
    public static VigilConfig load(String appName, Map<String, String> overrides) {
        return load(appName, System.getenv(), overrides);
    }

    static VigilConfig load(String appName, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(Defaults.values());
        merged.putAll(readClasspath("/vigil-" + appName + ".properties"));
        String file = overrides.getOrDefault("vigil.config.file", env.get("VIGIL_CONFIG_FILE"));
        if (file != null && !file.isBlank()) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(fromEnvironment(env));
        merged.putAll(overrides);
        return new VigilConfig(appName, merged);
    }

    /** A configuration from explicit values on top of the built-in defaults; for tests and embedded use. */
    public static VigilConfig of(String appName, Map<String, String> values) {
        Map<String, String> merged = new TreeMap<>(Defaults.values());
        merged.putAll(readClasspath("/vigil-" + appName + ".properties"));
        merged.putAll(values);
        return new VigilConfig(appName, merged);
    }

    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("VIGIL_") || name.startsWith("KAFKA_")) {
                out.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        out.remove("vigil.config.file");
        return out;
    }

    private static Map<String, String> readClasspath(String resource) {
        try (InputStream in = VigilConfig.class.getResourceAsStream(resource)) {
            return in == null ? Map.of() : toMap(loadProperties(in));
        } catch (IOException e) {
            throw new ConfigException("Cannot read classpath defaults " + resource + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException("Config file " + path.toAbsolutePath() + " does not exist or is not readable");
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            Properties properties = new Properties();
            properties.load(reader);
            return toMap(properties);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static Properties loadProperties(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return properties;
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k).trim()));
        return out;
    }

    public String appName() {
        return appName;
    }

    /** A copy with one value changed. */
    public VigilConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new VigilConfig(appName, copy);
    }

    /** A copy with several values changed. */
    public VigilConfig with(Map<String, String> changes) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(changes);
        return new VigilConfig(appName, copy);
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("Missing required setting " + key + " (environment variable "
                    + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")");
        }
        return v;
    }

    public String get(String key, String defaultValue) {
        return has(key) ? values.get(key) : defaultValue;
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? parse(key, () -> Integer.parseInt(values.get(key))) : defaultValue;
    }

    public long getLong(String key, long defaultValue) {
        return has(key) ? parse(key, () -> Long.parseLong(values.get(key))) : defaultValue;
    }

    public double getDouble(String key, double defaultValue) {
        return has(key) ? parse(key, () -> Double.parseDouble(values.get(key))) : defaultValue;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String v = values.get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException("Setting " + key + " must be true or false, not '" + values.get(key) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A duration as ISO-8601 ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}. */
    public Duration getDuration(String key, Duration defaultValue) {
        return has(key) ? parse(key, () -> Durations.parse(values.get(key))) : defaultValue;
    }

    private <T> T parse(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (RuntimeException e) {
            throw new ConfigException("Setting " + key + " has an invalid value '" + values.get(key) + "': " + e.getMessage());
        }
    }

    /** Every {@code kafka.*} setting without its prefix: the properties every Kafka client gets. */
    public Properties kafkaProperties() {
        Properties out = new Properties();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX) && !v.isBlank()) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return out;
    }

    /** Settings only Kafka Streams understands; plain producers, consumers and admins do not get them. */
    private static final java.util.Set<String> STREAMS_ONLY = java.util.Set.of("processing.guarantee", "num.stream.threads",
            "replication.factor", "state.dir", "num.standby.replicas", "commit.interval.ms", "application.id",
            "statestore.cache.max.bytes", "topology.optimization", "processing.exception.handler.global.enabled");

    /** Prefixes by which Kafka Streams passes a setting to one of its clients only ({@code producer.batch.size}). */
    private static final java.util.List<String> STREAMS_CLIENT_PREFIXES = java.util.List.of("producer.", "consumer.",
            "main.consumer.", "restore.consumer.", "global.consumer.", "admin.", "topic.");

    /** {@link #kafkaProperties()} without the Streams-only settings: for plain producers, consumers and admin clients. */
    public Properties clientProperties() {
        Properties out = kafkaProperties();
        STREAMS_ONLY.forEach(out::remove);
        out.keySet().removeIf(k -> STREAMS_CLIENT_PREFIXES.stream().anyMatch(((String) k)::startsWith));
        return out;
    }

    public String bootstrapServers() {
        return get(KAFKA_PREFIX + "bootstrap.servers");
    }

    /** All values, for logging; secrets are masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, Secrets.isSecret(k) ? "[hidden]" : v));
        return out;
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "VigilConfig" + describe();
    }
}
