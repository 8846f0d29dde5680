package dev.vigil.detectors;

import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsApp;
import org.apache.kafka.streams.Topology;

/** The detectors app: scores feature vectors with hot-reloaded models. */
public final class DetectorsApp implements StreamsApp {
    public static final String NAME = "detectors";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(AppContext context) {
        return new DetectorsTopology(context).build();
    }
}
