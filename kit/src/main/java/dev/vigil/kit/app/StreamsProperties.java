package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.BoundedTimestampExtractor;
import dev.vigil.kit.deadletter.DeadLetterDeserializationHandler;
import dev.vigil.kit.deadletter.DeadLetterProcessingHandler;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties of an app: Vigil's defaults, then every {@code kafka.*} setting. */
public final class StreamsProperties {
    private StreamsProperties() {
    }

    public static Properties of(String appName, VigilConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-" + appName);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, BoundedTimestampExtractor.class.getName());
        // Errors in global-store processors (the model registry) take the same dead-letter path.
        p.put("processing.exception.handler.global.enabled", "true");
        p.putAll(config.kafkaProperties());
        // The dead-letter handlers rebuild the registry settings from these.
        config.asMap().forEach((k, v) -> {
            if (k.startsWith("vigil.schema.registry.") || k.startsWith("vigil.topic.") || k.startsWith("vigil.input.")) {
                p.put(k, v);
            }
        });
        p.put("vigil.app.name", appName);
        return p;
    }
}
