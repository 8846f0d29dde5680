package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.BoundedTimestampExtractor;
import dev.vigil.kit.deadletter.DeadLetterDeserializationHandler;
import dev.vigil.kit.deadletter.DeadLetterProcessingHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties of an app: Vigil's defaults, then every {@code kafka.*} setting. */
public final class StreamsProperties {
    /** Well under every file system's 255-byte limit for one name. */
    private static final int MAX_FOLDER_NAME = 80;

    private StreamsProperties() {
    }

    /** The Kafka Streams application id of an app, which is also its consumer group: {@code vigil-<name>}. */
    public static String applicationId(String appName) {
        return "vigil-" + appName;
    }

    public static Properties of(String appName, VigilConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(appName));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, BoundedTimestampExtractor.class.getName());
        // Errors in global-store processors (the model registry) take the same dead-letter path.
        p.put("processing.exception.handler.global.enabled", "true");
        p.put(StreamsConfig.STATE_DIR_CONFIG, defaultStateDir(config.bootstrapServers()).toString());
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

    /**
     * Where state lives unless {@code kafka.state.dir} says otherwise: {@code <java.io.tmpdir>/vigil-state/<brokers>},
     * and Kafka Streams keeps each application id in a folder of its own below it. One fixed folder for every stack
     * would let an app of the demo's embedded broker and the same app of {@code vigil dev up} lock each other out, or
     * open state whose changelog offsets belong to the other cluster.
     */
    public static Path defaultStateDir(String bootstrapServers) {
        return Path.of(System.getProperty("java.io.tmpdir"), "vigil-state", folderName(bootstrapServers));
    }

    /** The broker list as one safe folder name, e.g. {@code 127.0.0.1_9092}; a long list is cut and hashed. */
    static String folderName(String bootstrapServers) {
        String name = bootstrapServers.trim().replaceAll("[^A-Za-z0-9.-]", "_");
        if (name.length() <= MAX_FOLDER_NAME) {
            return name;
        }
        return name.substring(0, MAX_FOLDER_NAME - 9) + "-" + String.format(java.util.Locale.ROOT, "%08x", bootstrapServers.hashCode());
    }
}
