package dev.vigil.ensemble;

import dev.vigil.ensemble.streams.EnsembleTopology;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsApp;
import org.apache.kafka.streams.Topology;

/** The ensemble: detector scores in, deduplicated, explained incidents out; champion/challenger trials. */
public final class EnsembleApp implements StreamsApp {
    public static final String NAME = "ensemble";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(AppContext context) {
        return EnsembleTopology.build(context);
    }
}
