package dev.vigil.kit.testing;

import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.VigilSerdes;
import dev.vigil.kit.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** App contexts for tests without a broker: a fresh in-memory registry ({@code mock://}), meter registry and dead-letter sink. */
public final class TestContexts {
    private TestContexts() {
    }

    /** A context for the app of this name, the given settings over the test defaults. */
    public static AppContext forApp(String appName, Map<String, String> settings) {
        Map<String, String> values = new TreeMap<>();
        values.put("vigil.schema.registry.url", "mock://" + appName + "-" + UUID.randomUUID());
        values.put("kafka.bootstrap.servers", "dummy:9092");
        values.putAll(settings);
        VigilConfig config = VigilConfig.of(appName, values);
        return new AppContext(config, VigilSerdes.from(config), new Topics(config), new SimpleMeterRegistry(),
                new InMemoryDeadLetterSink());
    }
}
