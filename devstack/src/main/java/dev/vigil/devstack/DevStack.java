package dev.vigil.devstack;

import java.util.Map;

/** A broker and a registry together: what the demo, `vigil dev up` and integration tests run against. */
public final class DevStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final ApicurioRegistry registry;

    private DevStack(EmbeddedKafka kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts both on free loopback ports (the registry starts while the broker boots). */
    public static DevStack start() {
        return start(0, 0);
    }

    public static DevStack start(int kafkaPort, int registryPort) {
        return start(kafkaPort, registryPort, null);
    }

    /**
     * Starts both, the registry's storage in an H2 file under {@code registryData} (null: in memory), so that a
     * {@link ApicurioRegistry#restart()} keeps schemas and ids.
     */
    public static DevStack start(int kafkaPort, int registryPort, java.nio.file.Path registryData) {
        var registryStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> ApicurioRegistry.start(registryPort, registryData));
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(kafkaPort);
        } catch (RuntimeException e) {
            registryStart.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        try {
            return new DevStack(kafka, registryStart.join());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** Kafka client properties for this stack's broker. */
    public java.util.Properties clientProperties() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    /** The settings an app needs to use this stack. */
    public Map<String, String> settings() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(), "vigil.schema.registry.url", registryUrl(),
                "vigil.topics.replication.factor", "1", "kafka.replication.factor", "1");
    }

    /**
     * Settings for an app run against this stack: its state in the given directory, its HTTP endpoint on a
     * free loopback port. A mutable copy, for the caller's own additions.
     */
    public Map<String, String> appSettings(java.nio.file.Path stateDir) {
        Map<String, String> s = new java.util.TreeMap<>(settings());
        s.put("kafka.state.dir", stateDir.toString());
        s.put("vigil.http.port", "0");
        s.put("vigil.http.host", "127.0.0.1");
        return s;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
