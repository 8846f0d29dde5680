package dev.vigil.kit.app;

import org.apache.kafka.streams.Topology;

/** A Kafka Streams app: a name and a topology built from its context, so tests can drive the same topology. */
public interface StreamsApp {
    /** Short name: aggregator, detectors, ensemble, drift-monitor. Also names the default application.id. */
    String name();

    Topology topology(AppContext context);
}
