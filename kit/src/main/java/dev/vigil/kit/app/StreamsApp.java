package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;
import org.apache.kafka.streams.Topology;

/** A Kafka Streams app: a name and a topology built from its context, so tests can drive the same topology. */
public non-sealed interface StreamsApp extends VigilApp {
    Topology topology(AppContext context);

    @Override
    default AppRunner start(VigilConfig config) {
        return AppRunner.start(this, config);
    }
}
