package dev.vigil.aggregator;

import dev.vigil.aggregator.stream.AggregatorSettings;
import dev.vigil.aggregator.stream.AggregatorTopology;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsApp;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topics;
import java.time.Clock;
import org.apache.kafka.streams.Topology;

/** The aggregator: BGP updates and telemetry into one feature vector per entity per closed event-time window. */
public final class AggregatorApp implements StreamsApp {
    public static final String NAME = "aggregator";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The topology, told how many peer tasks feed the per-origin merge (the partitions of {@code bgp.updates}), so
     * the origin side waits for all of them from the start, not only for those it has heard from.
     */
    @Override
    public Topology topology(AppContext ctx) {
        AggregatorSettings settings = AggregatorSettings.from(ctx.config());
        int peerTasks = settings.peerTasks() > 0 ? settings.peerTasks()
                : TopicAdmin.partitionCount(ctx.config().clientProperties(), ctx.topic(Topics.BGP_UPDATES));
        return AggregatorTopology.build(ctx, Clock.systemUTC(), peerTasks);
    }
}
