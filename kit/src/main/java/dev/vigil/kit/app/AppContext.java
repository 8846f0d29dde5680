package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.VigilSerdes;
import dev.vigil.kit.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What a topology or service needs from its runtime: config, serdes, topic names and a meter registry. */
public record AppContext(VigilConfig config, VigilSerdes serdes, Topics topics, MeterRegistry metrics) {

    public static AppContext create(VigilConfig config, MeterRegistry metrics) {
        return new AppContext(config, VigilSerdes.from(config), new Topics(config), metrics);
    }

    /** A context on a fresh in-memory registry ({@code mock://}) and meter registry, for TopologyTestDriver tests. */
    public static AppContext forTests(String appName, Map<String, String> settings) {
        Map<String, String> values = new TreeMap<>();
        values.put("vigil.schema.registry.url", "mock://" + appName + "-" + UUID.randomUUID());
        values.put("kafka.bootstrap.servers", "dummy:9092");
        values.putAll(settings);
        return create(VigilConfig.of(appName, values), new SimpleMeterRegistry());
    }

    public String appName() {
        return config.appName();
    }

    /** The configured name of a topic. */
    public String topic(String defaultName) {
        return topics.name(defaultName);
    }
}
