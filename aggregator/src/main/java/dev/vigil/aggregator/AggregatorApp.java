package dev.vigil.aggregator;

import dev.vigil.aggregator.stream.AggregatorTopology;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsApp;
import org.apache.kafka.streams.Topology;

/** The aggregator: BGP updates and telemetry into one feature vector per entity per closed event-time window. */
public final class AggregatorApp implements StreamsApp {
    public static final String NAME = "aggregator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(AppContext ctx) {
        return AggregatorTopology.build(ctx);
    }
}
