package dev.vigil.drift;

import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsApp;
import java.time.Clock;
import org.apache.kafka.streams.Topology;

/** The drift monitor as a Streams app: see {@link DriftMonitorTopology}. */
public final class DriftMonitorApp implements StreamsApp {
    public static final String NAME = "drift-monitor";

    private final Clock clock;

    public DriftMonitorApp() {
        this(Clock.systemUTC());
    }

    /** With the clock that stamps {@code checkedAt} and {@code requestedAt}; tests pass a fixed one. */
    public DriftMonitorApp(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(AppContext context) {
        return DriftMonitorTopology.build(context, clock);
    }
}
